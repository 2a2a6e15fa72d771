import { PRIVILEGE_CODE, type Privilege } from '../privilege';
import { APP_CMD, CURRENT_CHANNEL, NETFN } from '../spec';
import { defineCommand, need } from './codec';

/**
 * The App commands the session layer and the sessionless probes send.
 * The session layer sends them through its own exchange (it is the
 * requester), so it uses encode / decode and the numbers from here.
 */

/** Close Session (App 0x06 / 0x3C), IPMI 2.0 section 22.19: the BMC's session id, LS byte first. */
export const closeSession = defineCommand<number, void>({
  name: 'Close Session',
  netFn: NETFN.APP,
  cmd: APP_CMD.CLOSE_SESSION,
  encode(bmcSessionId) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(bmcSessionId >>> 0, 0);
    return b;
  },
  decode: () => undefined,
});

/** Set Session Privilege Level (App 0x06 / 0x3B), section 22.18: answers the level now in force. */
export const setSessionPrivilegeLevel = defineCommand<Privilege, number>({
  name: 'Set Session Privilege Level',
  netFn: NETFN.APP,
  cmd: APP_CMD.SET_SESSION_PRIVILEGE_LEVEL,
  encode: (privilege) => Uint8Array.of(PRIVILEGE_CODE[privilege]),
  decode(d) {
    need(d, 1, 'Set Session Privilege Level');
    return d[0] & 0x0f;
  },
});

/**
 * Get Channel Authentication Capabilities (App 0x06 / 0x38), section 22.13,
 * on the current channel. `extended` (bit 7) asks for the IPMI 2.0 data; a
 * BMC that only speaks 1.5 refuses it.
 */
export const getChannelAuthCapabilitiesRequest = defineCommand<{ extended: boolean; privilege: Privilege }, Buffer>({
  name: 'Get Channel Authentication Capabilities',
  netFn: NETFN.APP,
  cmd: APP_CMD.GET_CHANNEL_AUTH_CAPABILITIES,
  encode: ({ extended, privilege }) => Uint8Array.of((extended ? 0x80 : 0) | CURRENT_CHANNEL, PRIVILEGE_CODE[privilege]),
  decode: (d) => d,
});

/** Get Channel Cipher Suites (App 0x06 / 0x54), section 22.15: one 16-byte page of the list by suite. */
export const getChannelCipherSuitesPage = defineCommand<number, Buffer>({
  name: 'Get Channel Cipher Suites',
  netFn: NETFN.APP,
  cmd: APP_CMD.GET_CHANNEL_CIPHER_SUITES,
  // Payload type 0 (IPMI); bit 7 of the index byte: list by cipher suite.
  encode: (pageIndex) => Uint8Array.of(CURRENT_CHANNEL, 0x00, 0x80 | (pageIndex & 0x3f)),
  decode: (d) => d,
});
