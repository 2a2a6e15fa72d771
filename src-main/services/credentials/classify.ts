import { FieldKitError } from '../../../shared/errors';

/**
 * Turns what keytar/libsecret say into one catalogued error per situation.
 * The texts are libsecret's and D-Bus's own (seen on Debian with
 * gnome-keyring); anything else stays a generic keychain error with the
 * library's text, which never holds the secret. ("The given address is
 * empty" is GDBus's answer when DBUS_SESSION_BUS_ADDRESS is set but empty.)
 */
export function classifyKeychainError(e: unknown): FieldKitError {
  if (e instanceof FieldKitError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Unable to autolaunch|Failed to connect to socket|Could not connect:|No such file or directory.*bus|dbus-launch|The given address is empty/i.test(msg)) {
    return new FieldKitError('CRED_NO_DBUS', {}, { cause: e });
  }
  if (/not provided by any \.service files|ServiceUnknown|org\.freedesktop\.secrets/i.test(msg)) {
    return new FieldKitError('CRED_NO_SECRET_SERVICE', {}, { cause: e });
  }
  if (/locked collection|is locked|Cannot unlock|unlock.*(cancel|dismiss)/i.test(msg)) {
    return new FieldKitError('CRED_KEYRING_LOCKED', {}, { cause: e });
  }
  if (/Object does not exist at path .*collection|No such (secret )?collection|no default collection/i.test(msg)) {
    return new FieldKitError('CRED_NO_KEYRING', {}, { cause: e });
  }
  return new FieldKitError('CRED_KEYCHAIN_FAILED', { detail: msg.slice(0, 200) }, { cause: e });
}
