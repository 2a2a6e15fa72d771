/**
 * Schema migrations. Each step takes the document of version N and returns
 * version N+1; documents are migrated in memory on load or import and
 * written in the current version on the next save (the old file stays as
 * the `.prev` version).
 *
 * Version 1 (FieldKit 0.0 previews) held one cluster flat:
 *   { schemaVersion: 1, cluster: { name, kind }, resetpath?: { addr: "<ip>/<mask>", port },
 *     trap?: { keyword, category }, servers: [{ name, addr: "<ip>[:port]", addr2?, account?,
 *     slots?: [{ slot, type, fenced }], notes? }] }
 *
 * Version 2 -> 3: trap monitors may carry per-server keywords
 * (`serverKeywords`, Express5800/A1080a and A1040a). Nothing of a version 2
 * document changes meaning; its monitors are kept as they are. A BMCNOTICE
 * keyword that a version 2 FieldKit had advised to fill with BMC addresses is
 * reported by the rules of version 3 (INVENTORY_TRAP_KEYWORD_HAS_BMC), not
 * rewritten: only the engineer knows the servers' OS-side addresses.
 *
 * Version 3 -> 4: the reset path's address moves from the cluster to the
 * servers (`haconnsetup resetpath addr=` is each server's own NIC on the
 * reset-path segment; the mask and the port stay the cluster's). The old
 * single address goes to the one server that has an OS interface with exactly
 * that address; when none or more than one has, nobody can tell whose it was:
 * it is kept as `resetPath.unassignedAddress` and the rules warn
 * (INVENTORY_RESETPATH_UNASSIGNED) until every server has its own. Nothing
 * else changes: `model` and `onboardInterconnect` are new and stay absent.
 */
import { INVENTORY_SCHEMA_VERSION } from '../../../shared/model/inventory';
import { canonicalIp, parseBmcAddress, parseResetAddr } from '../../../shared/validation';
import { FieldKitError } from '../../../shared/errors';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function addrOf(v: unknown): unknown {
  // Unparseable values are carried over as-is so the shape check reports them.
  if (typeof v !== 'string') return v;
  return parseBmcAddress(v).value ?? { host: v };
}

function v1to2(doc: Json): Json {
  const cluster = isObj(doc.cluster) ? doc.cluster : {};
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const rp = isObj(doc.resetpath) ? doc.resetpath : undefined;
  let resetPath: unknown;
  if (rp) {
    const a = typeof rp.addr === 'string' ? parseResetAddr(rp.addr).value : undefined;
    resetPath = { address: a?.address ?? String(rp.addr), prefixLength: a?.prefixLength ?? 0, port: rp.port };
  }
  const trap = isObj(doc.trap) ? doc.trap : undefined;
  return {
    schemaVersion: 2,
    clusters: [
      {
        name: cluster.name ?? 'default',
        kind: cluster.kind ?? 'physical',
        ...(resetPath ? { resetPath } : {}),
        trapSettings: { monitors: trap ? [{ keyword: trap.keyword, category: trap.category ?? 'BMCNOTICE' }] : [] },
        servers: servers.map((s) => {
          if (!isObj(s)) return s;
          const out: Json = {
            name: s.name,
            bmc: { primary: addrOf(s.addr), ...(s.addr2 !== undefined ? { secondary: addrOf(s.addr2) } : {}) },
            account: s.account ?? '',
            notes: s.notes ?? '',
            slots: Array.isArray(s.slots)
              ? s.slots.map((x) => (isObj(x) ? { number: x.slot, kind: x.type, fenced: x.fenced } : x))
              : [],
          };
          return out;
        }),
      },
    ],
  };
}

function v2to3(doc: Json): Json {
  return { ...doc, schemaVersion: 3 };
}

/** The server (index) whose OS interfaces hold exactly `address`; -1 when none or several do. */
function ownerOfAddress(servers: unknown[], address: string): number {
  const want = canonicalIp(address);
  if (!want) return -1;
  const hits = servers.flatMap((s, i) => {
    const itfs = isObj(s) && Array.isArray(s.interfaces) ? s.interfaces : [];
    return itfs.some((itf) => isObj(itf) && typeof itf.cidr === 'string' && canonicalIp(itf.cidr.trim().split('/')[0]) === want) ? [i] : [];
  });
  return hits.length === 1 ? hits[0] : -1;
}

function v3to4(doc: Json): Json {
  const clusters = doc.clusters;
  if (!Array.isArray(clusters)) return { ...doc, schemaVersion: 4 };
  return {
    ...doc,
    schemaVersion: 4,
    clusters: clusters.map((c) => {
      if (!isObj(c) || !isObj(c.resetPath) || !('address' in c.resetPath)) return c;
      const { address, ...rest } = c.resetPath;
      const servers = Array.isArray(c.servers) ? [...c.servers] : c.servers;
      const owner = typeof address === 'string' && Array.isArray(servers) ? ownerOfAddress(servers, address) : -1;
      if (owner >= 0 && Array.isArray(servers)) {
        servers[owner] = { ...(servers[owner] as Json), resetPathAddress: address };
        return { ...c, resetPath: rest, servers };
      }
      // Kept as it was (a non-string is left for the shape check to report).
      return { ...c, resetPath: { ...rest, unassignedAddress: address } };
    }),
  };
}

const steps: Record<number, (d: Json) => Json> = { 1: v1to2, 2: v2to3, 3: v3to4 };

/**
 * Brings a parsed document to the current schema version. Unknown versions
 * (newer, or not a number) are refused: guessing would lose data.
 */
export function migrate(doc: unknown, source: string): { doc: unknown; from?: number } {
  if (!isObj(doc)) return { doc };
  const v = doc.schemaVersion;
  if (v === INVENTORY_SCHEMA_VERSION) return { doc };
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > INVENTORY_SCHEMA_VERSION) {
    throw new FieldKitError('INVENTORY_SCHEMA_UNKNOWN', { path: source, version: String(v), current: INVENTORY_SCHEMA_VERSION });
  }
  let cur: Json = doc;
  for (let n = v; n < INVENTORY_SCHEMA_VERSION; n++) cur = steps[n](cur);
  return { doc: cur, from: v };
}
