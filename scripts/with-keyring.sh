#!/bin/sh
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a
# private D-Bus session bus, so keychain tests use the real keychain without
# touching the user's own keyrings:
#   scripts/with-keyring.sh npx vitest run
# The keyring lives in a throwaway directory with a throwaway, non-empty
# password (gnome-keyring refuses to unlock with an empty one). When there is
# no dbus-run-session or gnome-keyring-daemon, the command runs as it is and
# the keychain tests say why they skip.
set -eu

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [ -n "${FIELDKIT_KEYRING_READY:-}" ]; then
  exec "$@"
fi

if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
  echo "with-keyring: dbus-run-session or gnome-keyring-daemon not found; running without a keychain" >&2
  exec "$@"
fi

KEYRING_HOME=$(mktemp -d "${TMPDIR:-/tmp}/fieldkit-keyring.XXXXXX")
export FIELDKIT_KEYRING_HOME="$KEYRING_HOME"
export FIELDKIT_KEYRING_PASSWORD="fieldkit-test-keyring-$$"
trap 'rm -rf "$KEYRING_HOME"' EXIT INT TERM

# Inside the private bus: start the daemon in the foreground (so $! is its
# own pid) with the keyring in the throwaway directory, unlock it, wait until
# it owns org.freedesktop.secrets, run the command, then stop the daemon by
# that pid.
dbus-run-session -- sh -c '
  set -u
  mkdir -p "$FIELDKIT_KEYRING_HOME/data" "$FIELDKIT_KEYRING_HOME/run"
  chmod 700 "$FIELDKIT_KEYRING_HOME/run"
  printf %s "$FIELDKIT_KEYRING_PASSWORD" | XDG_DATA_HOME="$FIELDKIT_KEYRING_HOME/data" XDG_RUNTIME_DIR="$FIELDKIT_KEYRING_HOME/run" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  KEYRING_PID=$!
  unset FIELDKIT_KEYRING_PASSWORD
  i=0
  until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true; do
    i=$((i + 1))
    if [ "$i" -gt 200 ]; then echo "with-keyring: gnome-keyring did not start" >&2; break; fi
    sleep 0.05
  done
  export FIELDKIT_KEYRING_READY=1
  status=0
  "$@" || status=$?
  kill "$KEYRING_PID" 2>/dev/null
  wait "$KEYRING_PID" 2>/dev/null
  exit $status
' with-keyring "$@"
