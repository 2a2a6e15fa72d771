export { CredentialService, keychainAccount, KEYCHAIN_SERVICE, PASSWORD_MAX_BYTES, type CredentialStatus, type SecretKind, type SecretSource } from './service';
export { classifyKeychainError } from './classify';
export { loadKeytar, probeSecretServiceLock, type SecretBackend, type KeyringLockState } from './backend';
export { SnmpV3KeyStore, snmpV3Account, checkSnmpV3Key, SNMPV3_KEY_MIN, SNMPV3_KEY_MAX, type SnmpV3KeyKind, type SnmpV3KeyStatus } from './snmpv3';
