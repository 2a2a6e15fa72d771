/**
 * Opening, reading and ending SOL on one BMC session: Activate Payload
 * (with a takeover when asked), the console wired to the session's payload
 * stream, Deactivate Payload at the end, and the SOL configuration read.
 */
import { FieldKitError } from '../../../../shared/errors';
import type { MessageId } from '../../../../shared/messages';
import {
  activatePayload, call, completionCodeOf, completionCodeText, decodeSolAuthentication, decodeSolBitRate, decodeSolEnable,
  decodeSolPayloadPort, deactivatePayload, getPayloadActivationStatus, getSolConfigParam, hexByte, type ActivatePayloadResponse,
} from '../commands';
import type { IpmiRequester } from '../requester';
import type { RmcpPlusSession } from '../session';
import { ACTIVATE_PAYLOAD_CC, DEACTIVATE_PAYLOAD_NOT_ACTIVE, PAYLOAD_TYPE, SOL_PARAM } from '../spec';
import { SolConsoleProtocol, type SolTiming } from './console';
import type { SolActivateOptions, SolConfig, SolConsole } from './types';

/** The one SOL instance FieldKit uses (as ipmitool's default). */
export const SOL_INSTANCE = 1;

const SOL = { payloadType: PAYLOAD_TYPE.SOL, instance: SOL_INSTANCE };

/** The live console of each session (at most one: the session carries one SOL stream). */
const consoles = new WeakMap<RmcpPlusSession, SolConsoleProtocol>();

export interface OpenSolOptions extends SolActivateOptions {
  /** Protocol timing (tests shorten it). */
  timing?: Partial<SolTiming>;
}

function where(session: RmcpPlusSession) {
  return { host: session.config.host, port: session.config.endpoint.port };
}

/** The catalogued error for an Activate Payload refusal. */
function activationError(session: RmcpPlusSession, code: number): FieldKitError {
  const at = where(session);
  switch (code) {
    case ACTIVATE_PAYLOAD_CC.ALREADY_ACTIVE:
    case ACTIVATE_PAYLOAD_CC.ACTIVATION_LIMIT:
      return new FieldKitError('SOL_IN_USE', at);
    case ACTIVATE_PAYLOAD_CC.PAYLOAD_DISABLED:
      return new FieldKitError('SOL_DISABLED', at);
    case ACTIVATE_PAYLOAD_CC.ENCRYPTION_UNAVAILABLE:
      return new FieldKitError('SOL_REFUSED', { ...at, code: hexByte(code), reason: 'the BMC cannot encrypt the console' });
    case ACTIVATE_PAYLOAD_CC.ENCRYPTION_REQUIRED:
      return new FieldKitError('SOL_REFUSED', { ...at, code: hexByte(code), reason: 'the BMC requires an encrypted console' });
    default:
      return new FieldKitError('SOL_REFUSED', { ...at, code: hexByte(code), reason: completionCodeText(code) });
  }
}

const IN_USE: ReadonlySet<number> = new Set([ACTIVATE_PAYLOAD_CC.ALREADY_ACTIVE, ACTIVATE_PAYLOAD_CC.ACTIVATION_LIMIT]);

/**
 * A change to the console went unanswered (IPMI_OUTCOME_UNKNOWN: one copy
 * sent, none again): the number of consoles the BMC has active is read back
 * (a read, on a new session: the old one was dropped) and given with the
 * change's own error. When even that read fails, the plain unknown outcome.
 */
async function withStateReadBack(session: RmcpPlusSession, e: unknown, id: MessageId, signal?: AbortSignal): Promise<never> {
  if (!(e instanceof FieldKitError && e.id === 'IPMI_OUTCOME_UNKNOWN')) throw e;
  let active: number;
  try {
    active = (await call(session, getPayloadActivationStatus, PAYLOAD_TYPE.SOL, { signal })).active.length;
  } catch {
    throw e;
  }
  throw new FieldKitError(id, { ...where(session), active }, { cause: e });
}

/**
 * Activate Payload, sent once; when the console is in use and a takeover
 * was asked for, Deactivate Payload (which ends the other session's
 * console, also sent once) and one more activation.
 */
async function activate(session: RmcpPlusSession, encrypt: boolean, authenticate: boolean, o: SolActivateOptions): Promise<{ r: ActivatePayloadResponse; tookOver: boolean }> {
  const req = { ...SOL, encrypt, authenticate };
  try {
    return { r: await call(session, activatePayload, req, { signal: o.signal }), tookOver: false };
  } catch (e) {
    const code = completionCodeOf(e);
    if (code === undefined) return withStateReadBack(session, e, 'SOL_ACTIVATE_OUTCOME_UNKNOWN', o.signal);
    if (!(IN_USE.has(code) && o.takeover)) throw activationError(session, code);
  }
  await deactivateOthers(session, o.signal);
  try {
    return { r: await call(session, activatePayload, req, { signal: o.signal }), tookOver: true };
  } catch (e) {
    const code = completionCodeOf(e);
    if (code === undefined) return withStateReadBack(session, e, 'SOL_ACTIVATE_OUTCOME_UNKNOWN', o.signal);
    throw activationError(session, code);
  }
}

/**
 * Deactivate Payload of instance 1 when it may be someone else's console
 * (a takeover, sol deactivate): sent once. A copy sent again after a lost
 * answer would read "not active" and the engineer would be told nothing was
 * ended when a console was; a lost answer is SOL_DEACTIVATE_OUTCOME_UNKNOWN
 * with the state read back. False when nothing was active.
 */
async function deactivateOthers(session: RmcpPlusSession, signal?: AbortSignal): Promise<boolean> {
  try {
    await call(session, deactivatePayload, SOL, { signal, once: true });
    return true;
  } catch (e) {
    if (completionCodeOf(e) === DEACTIVATE_PAYLOAD_NOT_ACTIVE) return false;
    return withStateReadBack(session, e, 'SOL_DEACTIVATE_OUTCOME_UNKNOWN', signal);
  }
}

/**
 * Deactivate Payload of our own console as it ends: retransmitted like a
 * read. It ends only what this session opened, and a lost answer left
 * unrepeated would leave the console held on the BMC for a dropped session
 * until that session times out. False when it was not active.
 */
async function deactivateInstance(requester: IpmiRequester, signal?: AbortSignal): Promise<boolean> {
  try {
    await call(requester, deactivatePayload, SOL, { signal });
    return true;
  } catch (e) {
    if (completionCodeOf(e) === DEACTIVATE_PAYLOAD_NOT_ACTIVE) return false;
    throw e;
  }
}


/**
 * Opens the SOL console on this (pooled) session. The session carries it
 * as a second payload stream and stays open while it is active.
 */
export async function openSolOn(session: RmcpPlusSession, o: OpenSolOptions = {}): Promise<SolConsoleProtocol> {
  const opened = await session.connect(o.signal);
  // Filled in once the activation is answered; the payload hooks below run before that.
  const opening: { console?: SolConsoleProtocol } = {};
  const early: Buffer[] = [];
  // Attached before the activation so that nothing the BMC sends right after it is lost.
  const link = session.attachPayload(PAYLOAD_TYPE.SOL, {
    onPayload: (p) => (opening.console ? opening.console.receive(p) : void early.push(p)),
    onDrop: (reason) => opening.console?.sessionEnded(reason),
    beforeClose: async (direct) => {
      const open = opening.console;
      if (!open || open.closed) return;
      await deactivateInstance(direct).catch(() => undefined);
      open.abort({});
    },
  });
  let activation: { r: ActivatePayloadResponse; tookOver: boolean };
  try {
    activation = await activate(session, link.encrypted, link.authenticated, o);
  } catch (e) {
    link.detach();
    throw e;
  }
  const { r, tookOver } = activation;
  const at = where(session);
  // The payload travels on the session's own address and port. The port the
  // BMC names is kept for display only: behind NAT or a relay it is the BMC's
  // own view of its port, and every BMC seen so far (ipmi_sim too) serves SOL
  // on the session's port; one that did not would never acknowledge (SOL_LOST).
  const c = new SolConsoleProtocol({
    info: {
      ...at, instance: SOL_INSTANCE, inboundSize: r.inboundSize, outboundSize: r.outboundSize, payloadPort: r.port,
      suite: opened.suite, privilege: opened.privilege, encrypted: link.encrypted, tookOver,
    },
    send: (payload) => link.send(payload),
    deactivatePayload: async () => {
      try {
        await deactivateInstance(session);
      } finally {
        link.detach();
      }
    },
    timing: o.timing,
  });
  c.onClose((why) => {
    link.detach();
    // Given up while the session still works: free the BMC's console anyway (best effort).
    if (why.errorId === 'SOL_LOST' && !session.retired) void deactivateInstance(session).catch(() => undefined);
  });
  opening.console = c;
  consoles.set(session, c);
  c.onClose(() => { if (consoles.get(session) === c) consoles.delete(session); });
  for (const p of early.splice(0)) c.receive(p);
  return c;
}

/** Ends whatever console instance 1 has on this BMC, from our session (e.g. one another client left). */
export async function deactivateSolOn(session: RmcpPlusSession, signal?: AbortSignal): Promise<boolean> {
  const own = consoles.get(session);
  if (own && !own.closed) {
    // Our own console: ended the ordinary way, so its listeners hear of it.
    await own.deactivate();
    return true;
  }
  return deactivateOthers(session, signal);
}

/** A parameter the BMC may not support (completion code 0x80): undefined then. */
async function optionalParam(session: RmcpPlusSession, parameter: number, signal?: AbortSignal): Promise<Buffer | undefined> {
  try {
    return (await call(session, getSolConfigParam, { parameter }, { signal })).data;
  } catch (e) {
    if (completionCodeOf(e) !== undefined) return undefined;
    throw e;
  }
}

/**
 * The BMC's SOL configuration parameters 1, 2, 5, 6 and 8 (section 26.3).
 * Only SOL Enable is mandatory; a BMC that does not report parameter 2
 * (ipmi_sim) gives privilege 'unknown' and no forced encryption or
 * authentication, as ipmitool prints it.
 */
export async function readSolConfigOn(session: RmcpPlusSession, signal?: AbortSignal): Promise<SolConfig> {
  const enable = (await call(session, getSolConfigParam, { parameter: SOL_PARAM.ENABLE }, { signal })).data;
  const authData = await optionalParam(session, SOL_PARAM.AUTHENTICATION, signal);
  const auth = authData?.length ? decodeSolAuthentication(authData) : { privilege: 'unknown', forceEncryption: false, forceAuthentication: false };
  const nv = await optionalParam(session, SOL_PARAM.NON_VOLATILE_BIT_RATE, signal);
  const vol = await optionalParam(session, SOL_PARAM.VOLATILE_BIT_RATE, signal);
  const port = await optionalParam(session, SOL_PARAM.PAYLOAD_PORT, signal);
  const bitRate = vol?.length ? decodeSolBitRate(vol) : undefined;
  const nonVolatileBitRate = nv?.length ? decodeSolBitRate(nv) : undefined;
  const payloadPort = port && port.length >= 2 ? decodeSolPayloadPort(port) : undefined;
  return {
    enabled: decodeSolEnable(enable),
    ...auth,
    ...(bitRate !== undefined ? { bitRate } : {}),
    ...(nonVolatileBitRate !== undefined ? { nonVolatileBitRate } : {}),
    ...(payloadPort !== undefined ? { payloadPort } : {}),
  };
}

export type { SolConsole };
