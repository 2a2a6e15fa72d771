import { FieldKitError, toErrorPayload } from '../../../shared/errors';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import type { BmcProbe } from '../../../shared/model/firmware';
import type { IpmiEngine, IpmiTarget } from '../../engines/ipmi';
import { mcInfo } from '../../engines/ipmi/ops';

export type SecretLookup = (endpoint: BmcAddress, user: string, kind: 'password' | 'kg') => Promise<string | null>;

const PRIV: Record<string, 'admin' | 'operator' | 'user'> = { ADMINISTRATOR: 'admin', OPERATOR: 'operator', USER: 'user' };

export interface ServerTargets {
  primary: IpmiTarget;
  secondary?: IpmiTarget;
}

export const addressOf = (t: { host: string; port?: number }) => (t.host.includes(':') ? `[${t.host}]:${t.port ?? 623}` : `${t.host}:${t.port ?? 623}`);

/**
 * The IPMI targets of both BMC addresses of a server, so each address can be
 * probed on its own (the dual requester hides which one failed). The password
 * comes from the caller (FIELDKIT_PASSWORD, --password-stdin) or the keychain.
 */
export async function serverTargets(server: Server, secret: SecretLookup, password?: string, timeoutMs = 4000): Promise<ServerTargets> {
  const primary = await addressTarget(server, server.bmc.primary, secret, password, timeoutMs);
  const secondary = server.bmc.secondary ? await addressTarget(server, server.bmc.secondary, secret, password, timeoutMs) : undefined;
  return { primary, ...(secondary ? { secondary } : {}) };
}

/** The IPMI target of one BMC address of a server (its password and Kg from the caller or the keychain). */
export async function addressTarget(server: Server, ep: BmcAddress, secret: SecretLookup, password?: string, timeoutMs = 4000): Promise<IpmiTarget> {
  const pw = password ?? (await secret(ep, server.account, 'password'));
  if (pw === null || pw === undefined) throw new FieldKitError('FIRMWARE_NO_PASSWORD', { account: server.account, address: addressOf(ep) });
  const kg = server.ipmi.kgStored ? await secret(ep, server.account, 'kg') : null;
  return {
    host: ep.host,
    ...(ep.port ? { port: ep.port } : {}),
    username: server.account,
    password: pw,
    ...(kg ? { kg } : {}),
    cipherSuite: server.ipmi.cipherSuite as IpmiTarget['cipherSuite'],
    privilege: PRIV[server.ipmi.privilege] ?? 'admin',
    timeoutMs,
  };
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
    return { ...probe, errorId: p.id, error: p.message };
  }
  if (!probe.ping) {
    const e = new FieldKitError('IPMI_NO_RESPONSE', { host: target.host, port: target.port ?? 623, timeoutMs: PING.timeoutMs * (PING.retries + 1) });
    return { ...probe, errorId: e.id, error: `${e.message} (RMCP presence ping)` };
  }
  try {
    const handle = engine.session(target);
    const info = await handle.connect(signal);
    probe.session = true;
    if (info.privilege) probe.privilege = info.privilege;
    probe.firmware = (await mcInfo(handle, signal ? { signal } : undefined)).firmware;
  } catch (e) {
    const p = toErrorPayload(e);
    probe.errorId = p.id;
    probe.error = p.message;
  }
  return probe;
}
