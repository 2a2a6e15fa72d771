/**
 * The protocol numbers FieldKit's IPMI engine uses, named once, as the IPMI
 * v2.0 specification (rev 1.1) tables give them. Codecs, the session layer
 * and the sessionless probes import these instead of writing bare bytes, so
 * that a reader can find every use of, say, Close Session by name.
 */

/** Network functions of requests (table 5-1); a response carries netFn + 1. */
export const NETFN = {
  CHASSIS: 0x00,
  SENSOR_EVENT: 0x04,
  APP: 0x06,
  STORAGE: 0x0a,
  TRANSPORT: 0x0c,
} as const;

/** App commands of the session layer and discovery (table G-1). */
export const APP_CMD = {
  GET_DEVICE_ID: 0x01,
  GET_SYSTEM_GUID: 0x37,
  GET_CHANNEL_AUTH_CAPABILITIES: 0x38,
  SET_SESSION_PRIVILEGE_LEVEL: 0x3b,
  CLOSE_SESSION: 0x3c,
  GET_CHANNEL_CIPHER_SUITES: 0x54,
  GET_CHANNEL_INFO: 0x42,
  ACTIVATE_PAYLOAD: 0x48,
  DEACTIVATE_PAYLOAD: 0x49,
  GET_PAYLOAD_ACTIVATION_STATUS: 0x4a,
} as const;

/** Transport commands (table G-1): the LAN configuration parameters (section 23). */
export const TRANSPORT_CMD = {
  GET_LAN_CONFIGURATION_PARAMETERS: 0x02,
  SET_SOL_CONFIGURATION_PARAMETERS: 0x21,
  GET_SOL_CONFIGURATION_PARAMETERS: 0x22,
} as const;

/** Chassis commands (table G-1). */
export const CHASSIS_CMD = {
  GET_CHASSIS_STATUS: 0x01,
  CHASSIS_CONTROL: 0x02,
} as const;

/** Sensor/Event commands (table G-1). */
export const SENSOR_CMD = {
  REARM_SENSOR_EVENTS: 0x2a,
  GET_SENSOR_READING: 0x2d,
} as const;

/** Storage commands: FRU, SDR repository, SEL (table G-1). */
export const STORAGE_CMD = {
  GET_FRU_INVENTORY_AREA_INFO: 0x10,
  READ_FRU_DATA: 0x11,
  GET_SDR_REPOSITORY_INFO: 0x20,
  RESERVE_SDR_REPOSITORY: 0x22,
  GET_SDR: 0x23,
  GET_SEL_INFO: 0x40,
  RESERVE_SEL: 0x42,
  GET_SEL_ENTRY: 0x43,
  CLEAR_SEL: 0x47,
} as const;

/** The current channel (the one a request arrives on), for channel-scoped commands. */
export const CURRENT_CHANNEL = 0x0e;

/** RMCP+ payload types (table 13-16). */
export const PAYLOAD_TYPE = {
  IPMI: 0x00,
  SOL: 0x01,
  OEM_EXPLICIT: 0x02,
  OPEN_SESSION_REQUEST: 0x10,
  OPEN_SESSION_RESPONSE: 0x11,
  RAKP1: 0x12,
  RAKP2: 0x13,
  RAKP3: 0x14,
  RAKP4: 0x15,
} as const;

/** Status codes of the RMCP+ Open Session and RAKP messages (table 13-15). */
export const RMCPP_STATUS = {
  NO_ERRORS: 0x00,
  INSUFFICIENT_RESOURCES: 0x01,
  INVALID_SESSION_ID: 0x02,
  INVALID_PAYLOAD_TYPE: 0x03,
  INVALID_AUTHENTICATION_ALGORITHM: 0x04,
  INVALID_INTEGRITY_ALGORITHM: 0x05,
  NO_MATCHING_AUTHENTICATION_PAYLOAD: 0x06,
  NO_MATCHING_INTEGRITY_PAYLOAD: 0x07,
  INACTIVE_SESSION_ID: 0x08,
  INVALID_ROLE: 0x09,
  UNAUTHORIZED_ROLE: 0x0a,
  INSUFFICIENT_RESOURCES_AT_ROLE: 0x0b,
  INVALID_NAME_LENGTH: 0x0c,
  UNAUTHORIZED_NAME: 0x0d,
  UNAUTHORIZED_GUID: 0x0e,
  INVALID_INTEGRITY_CHECK_VALUE: 0x0f,
  INVALID_CONFIDENTIALITY_ALGORITHM: 0x10,
  NO_CIPHER_SUITE_MATCH: 0x11,
  ILLEGAL_PARAMETER: 0x12,
} as const;

/** The meaning of each RMCP+ status, as the specification words it (logs and HANDSHAKE_FAILED). */
export const RMCPP_STATUS_TEXT: Record<number, string> = {
  0x01: 'insufficient resources to create a session',
  0x02: 'invalid session ID',
  0x03: 'invalid payload type',
  0x04: 'invalid authentication algorithm',
  0x05: 'invalid integrity algorithm',
  0x06: 'no matching authentication payload',
  0x07: 'no matching integrity payload',
  0x08: 'inactive session ID',
  0x09: 'invalid role',
  0x0a: 'unauthorized role or privilege level requested',
  0x0b: 'insufficient resources to create a session at the requested role',
  0x0c: 'invalid name length',
  0x0d: 'unauthorized name',
  0x0e: 'unauthorized GUID',
  0x0f: 'invalid integrity check value',
  0x10: 'invalid confidentiality algorithm',
  0x11: 'no cipher suite match with proposed security algorithms',
  0x12: 'illegal or unrecognized parameter',
};

/** Open Session statuses that mean "not with these algorithms": try the next suite. */
export const SUITE_NOT_ACCEPTED: ReadonlySet<number> = new Set([
  RMCPP_STATUS.INVALID_AUTHENTICATION_ALGORITHM,
  RMCPP_STATUS.INVALID_INTEGRITY_ALGORITHM,
  RMCPP_STATUS.NO_MATCHING_AUTHENTICATION_PAYLOAD,
  RMCPP_STATUS.NO_MATCHING_INTEGRITY_PAYLOAD,
  RMCPP_STATUS.INVALID_CONFIDENTIALITY_ALGORITHM,
  RMCPP_STATUS.NO_CIPHER_SUITE_MATCH,
]);

/** RAKP statuses that refuse the requested role (or, with name+role lookup, the name at that role): try a lower one. */
export const ROLE_REFUSED: ReadonlySet<number> = new Set([
  RMCPP_STATUS.INVALID_ROLE,
  RMCPP_STATUS.UNAUTHORIZED_ROLE,
  RMCPP_STATUS.UNAUTHORIZED_NAME,
]);

/** Statuses that say every session slot of the BMC is taken. */
export const NO_SESSION_SLOT: ReadonlySet<number> = new Set([
  RMCPP_STATUS.INSUFFICIENT_RESOURCES,
  RMCPP_STATUS.INSUFFICIENT_RESOURCES_AT_ROLE,
]);

/** Set Session Privilege Level completion codes that refuse the level (section 22.18). */
export const PRIVILEGE_LEVEL_REFUSED: ReadonlySet<number> = new Set([
  0x80, // requested level not available for this user
  0x81, // requested level exceeds the channel or user limit
]);

/** Activate Payload completion codes (section 24.1, table 24-2). */
export const ACTIVATE_PAYLOAD_CC = {
  ALREADY_ACTIVE: 0x80,
  PAYLOAD_DISABLED: 0x81,
  ACTIVATION_LIMIT: 0x82,
  ENCRYPTION_UNAVAILABLE: 0x83,
  ENCRYPTION_REQUIRED: 0x84,
} as const;

/** Deactivate Payload completion code 0x80: the payload was not active (section 24.2). */
export const DEACTIVATE_PAYLOAD_NOT_ACTIVE = 0x80;

/** SOL configuration parameter selectors (section 26.3, table 26-5). */
export const SOL_PARAM = {
  SET_IN_PROGRESS: 0,
  ENABLE: 1,
  AUTHENTICATION: 2,
  ACCUMULATE: 3,
  RETRY: 4,
  NON_VOLATILE_BIT_RATE: 5,
  VOLATILE_BIT_RATE: 6,
  PAYLOAD_CHANNEL: 7,
  PAYLOAD_PORT: 8,
} as const;

/** SOL bit-rate codes of parameters 5 and 6 (0 = the BMC's serial setting). */
export const SOL_BIT_RATE: Readonly<Record<number, number>> = { 6: 9600, 7: 19200, 8: 38400, 9: 57600, 10: 115200 };

/** Serial over LAN packet (IPMI 2.0 section 15.9): header length and byte 4's bits. */
export const SOL_HEADER_LENGTH = 4;

/** Byte 4 from the console: operation bits (table 15-2). */
export const SOL_OP = {
  NACK: 0x40,
  RING_WOR: 0x20,
  BREAK: 0x10,
  CTS_PAUSE: 0x08,
  DEASSERT_DCD_DSR: 0x04,
  FLUSH_INBOUND: 0x02,
  FLUSH_OUTBOUND: 0x01,
} as const;

/** Byte 4 from the BMC: status bits (table 15-3). */
export const SOL_STATUS = {
  NACK: 0x40,
  TRANSFER_UNAVAILABLE: 0x20,
  DEACTIVATING: 0x10,
  TRANSMIT_OVERRUN: 0x08,
  BREAK_DETECTED: 0x04,
} as const;
