import { FieldKitError, toErrorPayload } from '../../../shared/errors';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import type { BmcProbe } from '../../../shared/model/firmware';
import type { IpmiEngine, IpmiTarget } from '../../engines/ipmi';
import { mcInfo } from '../../engines/ipmi/ops';
import { inventoryTarget } from '../bmc/targets';

export type SecretLookup = (endpoint: BmcAddress, user: string, kind: 'password' | 'kg') => Promise<string | null>;

export interface ServerTargets {
  primary: IpmiTarget;
  secondary?: IpmiTarget;
}

export const addressOf = (t: { host: string; port?: number }) => (t.host.includes(':') ? `[${t.host}]:${t.port ?? 623}` : `${t.host}:${t.port ?? 623}`);

/**
 * The IPMI targets of both BMC addresses of a server, so each address can be
 * probed on its own (the dual requester hides which one failed). The password
 * comes from resolveBmcSecret: keychain, FIELDKIT_PASSWORD, --password-stdin.
 */
export async function serverTargets(server: Server, secret: SecretLookup, password?: string, timeoutMs = 4000): Promise<ServerTargets> {
  const primary = await addressTarget(server, server.bmc.primary, secret, password, timeoutMs);
  const secondary = server.bmc.secondary ? await addressTarget(server, server.bmc.secondary, secret, password, timeoutMs) : undefined;
  return { primary, ...(secondary ? { secondary } : {}) };
}

/** The IPMI target of one BMC address of a server (inventoryTarget: keychain, FIELDKIT_PASSWORD, the password piped in). */
export function addressTarget(server: Server, ep: BmcAddress, secret: SecretLookup, password?: string, timeoutMs = 4000): Promise<IpmiTarget> {
  return inventoryTarget(server, ep, { keychain: secret, env: process.env, ...(password !== undefined ? { stdin: password } : {}) }, {
    timeoutMs,
    missing: (account) => new FieldKitError('FIRMWARE_NO_PASSWORD', { account, address: addressOf(ep) }),
  });
}

/** A presence ping is cheap: a short timeout and one retry keep a dead BMC under 1.5 s. */
const PING = { timeoutMs: 700, retries: 1 };

/** Presence ping, then a session and Get Device ID on one address: never throws, a dead BMC is a finding. */
export async function probeBmc(engine: IpmiEngine, role: 'primary' | 'secondary', target: IpmiTarget, signal?: AbortSignal): Promise<BmcProbe> {
  const address = addressOf(target);
  const probe: BmcProbe = { role, address, ping: false, session: false };
  try {
    probe.ping = await engine.ping(target.host, target.port ?? 623, { ...PING, ...(signal ? { signal } : {}) });
  } catch (e) {
    const p = toErrorPayload(e);
    return { ...probe, errorId: p.id, errorParams: p.params, error: p.message };
  }
  if (!probe.ping) {
    const e = new FieldKitError('IPMI_NO_RESPONSE', { host: target.host, port: target.port ?? 623, timeoutMs: PING.timeoutMs * (PING.retries + 1) });
    return { ...probe, errorId: e.id, errorParams: e.params, error: `${e.message} (RMCP presence ping)` };
  }
  try {
    const handle = engine.session(target);
    const info = await handle.connect(signal);
    probe.session = true;
    if (info.privilege) probe.privilege = info.privilege;
    if (info.suite !== undefined) probe.cipherSuite = info.suite;
    probe.firmware = (await mcInfo(handle, signal ? { signal } : undefined)).firmware;
  } catch (e) {
    const p = toErrorPayload(e);
    probe.errorId = p.id;
    probe.errorParams = p.params;
    probe.error = p.message;
  }
  return probe;
}
