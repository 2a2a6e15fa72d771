import type { FieldKitError } from '../../../shared/errors';
import type { BmcAddress, Server } from '../../../shared/model/inventory';
import type { IpmiTarget } from '../../engines/ipmi';
import { resolveBmcSecret, type SecretSources } from './secrets';

const PRIV: Record<string, 'admin' | 'operator' | 'user'> = { ADMINISTRATOR: 'admin', OPERATOR: 'operator', USER: 'user' };

export interface InventoryTargetOptions {
  /** Time budget per request (the engine's default otherwise). */
  timeoutMs?: number;
  /** The caller's catalogued error when no source has a password (it names the account in its own domain's words). */
  missing: (account: string, address: BmcAddress) => FieldKitError;
}

/**
 * The IPMI target of one BMC address of an inventory server: account,
 * password and Kg (resolveBmcSecret's one order), cipher suite with its
 * weak-suite acknowledgement, and privilege, exactly as the inventory says.
 * Every service that reaches an inventory BMC builds its targets here.
 */
export async function inventoryTarget(server: Server, ep: BmcAddress, sources: SecretSources, o: InventoryTargetOptions): Promise<IpmiTarget> {
  const password = await resolveBmcSecret('password', ep, server.account, sources);
  if (password === undefined) throw o.missing(server.account, ep);
  // Kg only where the inventory says one is stored: never prompted, never taken from stdin.
  const kg = server.ipmi.kgStored ? await resolveBmcSecret('kg', ep, server.account, { ...(sources.keychain ? { keychain: sources.keychain } : {}), ...(sources.env ? { env: sources.env } : {}) }) : undefined;
  return {
    host: ep.host,
    ...(ep.port ? { port: ep.port } : {}),
    username: server.account,
    password,
    ...(kg ? { kg } : {}),
    cipherSuite: server.ipmi.cipherSuite as IpmiTarget['cipherSuite'],
    ...(server.ipmi.weakCipherAccepted === true ? { acceptWeakCipher: true } : {}),
    privilege: PRIV[server.ipmi.privilege] ?? 'admin',
    ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}),
  };
}
