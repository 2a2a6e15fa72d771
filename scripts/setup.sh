#!/usr/bin/env bash
# One-time set-up of a fresh Debian/Ubuntu machine for FieldKit: the system
# packages the tests' real peers need (TESTBED.md), npm dependencies (keytar
# is built from source against libsecret), and a first build.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends \
  openipmi ipmitool freeipmi-tools snmp snmptrapd \
  gnome-keyring libsecret-1-dev dbus dbus-x11 chromium xvfb fonts-noto-cjk \
  python3 make g++ ca-certificates

npm ci
npm run build
