export { CredentialService, keychainAccount, KEYCHAIN_SERVICE, PASSWORD_MAX_BYTES, type CredentialStatus, type SecretKind, type SecretSource } from './service';
export { classifyKeychainError } from './classify';
export { loadKeytar, probeSecretServiceLock, type SecretBackend, type KeyringLockState } from './backend';
