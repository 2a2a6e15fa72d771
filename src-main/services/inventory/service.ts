import fsp from 'node:fs/promises';
import path from 'node:path';
import { FieldKitError, type ErrorPayload } from '../../../shared/errors';
import { renderMessage } from '../../../shared/messages';
import {
  emptyInventory,
  INVENTORY_SCHEMA_VERSION,
  newCluster,
  newServer,
  SERVER_MODELS,
  type BmcAddress,
  type Cluster,
  type ClusterKind,
  type Inventory,
  type NewServerDefaults,
  type Server,
  type ServerModel,
} from '../../../shared/model/inventory';
import {
  checkAccount,
  checkServerName,
  errorsOf,
  issue,
  parseBmcAddress,
  parseInventoryShape,
  parseResetAddr,
  parseResetPort,
  validateInventory,
  type ValidationIssue,
} from '../../../shared/validation';
import { writeFileAtomic } from '../files/atomic';
import { inventoryToCsv, serversFromCsv } from './csv';
import { diffInventories, type InventoryChange } from './diff';
import { migrate } from './migrations';
import type { InventoryStore } from './store';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_CLUSTER_NAME = 'default';

/** A refused change or import: the catalogued summary plus every issue, for the CLI and UI to list. */
export class InventoryRejected extends FieldKitError {
  constructor(
    id: 'INVENTORY_CHANGE_REJECTED' | 'INVENTORY_IMPORT_REJECTED',
    readonly issues: ValidationIssue[],
  ) {
    const errors = errorsOf(issues);
    const first = errors[0] ? `${errors[0].path}: ${renderMessage(errors[0].id, errors[0].params, 'en').text}` : '';
    super(id, { count: errors.length, first });
  }

  /** The findings travel with the error, so a front end over the handler table (the CLI) can list them. */
  override toPayload(): ErrorPayload {
    return { ...super.toPayload(), issues: this.issues };
  }
}

/** Moves or removes stored passwords when a server's endpoint or account changes. */
export interface CredentialHooks {
  move(from: BmcAddress, fromUser: string, to: BmcAddress, toUser: string): Promise<void>;
  remove(endpoint: BmcAddress, user: string): Promise<void>;
}

export interface InventoryServiceDeps {
  store: InventoryStore;
  credentials?: CredentialHooks;
  onChange?: (inv: Inventory) => void;
  /** Audit line for every saved change (what, not secrets). */
  audit?: (action: string, detail: string) => void;
  /** The suite and privilege a new server starts with (the engineer's Settings); FieldKit's own when absent. */
  newServerDefaults?: () => NewServerDefaults;
}

export type ImportFormat = 'json' | 'csv';

export interface ImportPlan {
  format: ImportFormat;
  ok: boolean;
  issues: ValidationIssue[];
  changes: InventoryChange[];
  /** The inventory as it would be after the import (only when ok). */
  next?: Inventory;
  migratedFrom?: number;
}

export interface ServerEdit {
  name?: string;
  addr?: string;
  addr2?: string;
  account?: string;
  /** One of SERVER_MODELS; '' removes the recorded model. */
  model?: string;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function reject(issues: ValidationIssue[]): never {
  throw new InventoryRejected('INVENTORY_CHANGE_REJECTED', issues);
}

export function resolveCluster(inv: Inventory, name: string | undefined): Cluster {
  if (name !== undefined) {
    const c = inv.clusters.find((x) => x.name === name);
    if (!c) throw new FieldKitError('INVENTORY_CLUSTER_NOT_FOUND', { cluster: name, clusters: inv.clusters.map((x) => x.name).join(', ') || '-' });
    return c;
  }
  if (inv.clusters.length === 1) return inv.clusters[0];
  if (inv.clusters.length === 0) throw new FieldKitError('INVENTORY_CLUSTER_NOT_FOUND', { cluster: DEFAULT_CLUSTER_NAME, clusters: '-' });
  throw new FieldKitError('INVENTORY_CLUSTER_AMBIGUOUS', { clusters: inv.clusters.map((x) => x.name).join(', ') });
}

/** For commands that add: an empty inventory gets its first cluster on demand. */
function clusterForAdd(inv: Inventory, name: string | undefined): Cluster {
  if (inv.clusters.length === 0 || (name !== undefined && !inv.clusters.some((c) => c.name === name))) {
    const c = newCluster(name ?? DEFAULT_CLUSTER_NAME);
    inv.clusters.push(c);
    return c;
  }
  return resolveCluster(inv, name);
}

/** The cluster that holds server `name` (when --cluster is not given); refused when none or several do. */
function clusterOfServer(inv: Inventory, name: string): Cluster {
  const hits = inv.clusters.filter((c) => c.servers.some((s) => s.name === name));
  if (hits.length === 1) return hits[0];
  if (hits.length === 0) {
    if (inv.clusters.length === 1) throw new FieldKitError('INVENTORY_SERVER_NOT_FOUND', { server: name, cluster: inv.clusters[0].name });
    throw new FieldKitError('SERVER_UNKNOWN', { server: name });
  }
  throw new FieldKitError('INVENTORY_CLUSTER_AMBIGUOUS', { clusters: hits.map((x) => x.name).join(', ') });
}

/** Once every server has its own reset-path address, the address an old inventory could not assign is no longer needed. */
function dropAssignedLegacy(inv: Inventory): void {
  for (const c of inv.clusters) {
    if (c.resetPath?.unassignedAddress !== undefined && c.servers.length > 0 && c.servers.every((s) => s.resetPathAddress)) delete c.resetPath.unassignedAddress;
  }
}

/** `--model` of pserver add / mod: one of SERVER_MODELS, matched without regard to case. */
export function parseServerModel(text: string): ServerModel {
  const m = SERVER_MODELS.find((x) => x.toLowerCase() === text.trim().toLowerCase());
  if (!m) reject([issue('INVENTORY_SERVER_MODEL_INVALID', 'model', { value: text, models: SERVER_MODELS.join(', ') })]);
  return m;
}

function findServer(c: Cluster, name: string): Server {
  const s = c.servers.find((x) => x.name === name);
  if (!s) throw new FieldKitError('INVENTORY_SERVER_NOT_FOUND', { server: name, cluster: c.name });
  return s;
}

/**
 * The one way to read and change the inventory, shared by the handler table
 * and the CLI. Every change is validated as a whole before it is saved; a
 * refused change or import leaves the stored file untouched.
 */
export class InventoryService {
  constructor(private readonly deps: InventoryServiceDeps) {}

  get file(): string {
    return this.deps.store.file;
  }

  async get(): Promise<{ inventory: Inventory; issues: ValidationIssue[]; migratedFrom?: number }> {
    const loaded = await this.deps.store.load();
    return { inventory: loaded.inventory, issues: validateInventory(loaded.inventory), migratedFrom: loaded.migratedFrom };
  }

  /**
   * The stored inventory as loaded (its shape checked), without the
   * validation get() adds: for a reader that only walks it and would throw
   * the issues away (the monitor reads it on every sweep).
   */
  async current(): Promise<Inventory> {
    return (await this.deps.store.load()).inventory;
  }

  async check(): Promise<ValidationIssue[]> {
    return (await this.get()).issues;
  }

  /** Loads, applies `edit` to a copy, validates, saves. Incomplete clusters may be saved while being built. */
  private async mutate(action: string, edit: (inv: Inventory) => string | Promise<string>): Promise<{ inventory: Inventory; issues: ValidationIssue[] }> {
    return this.deps.store.withLock(() => this.mutateLocked(action, edit));
  }

  private async mutateLocked(action: string, edit: (inv: Inventory) => string | Promise<string>): Promise<{ inventory: Inventory; issues: ValidationIssue[] }> {
    const { inventory } = await this.deps.store.load();
    const next = clone(inventory);
    next.schemaVersion = INVENTORY_SCHEMA_VERSION;
    const detail = await edit(next);
    dropAssignedLegacy(next);
    const issues = validateInventory(next);
    const blocking = errorsOf(issues).filter((i) => !i.incomplete);
    if (blocking.length) reject(blocking);
    await this.deps.store.save(next);
    this.deps.audit?.(action, detail);
    this.deps.onChange?.(next);
    return { inventory: next, issues };
  }

  /**
   * `resetpath addr=<ip>/<mask> port=<port>` as run on server `server`: addr
   * is that server's own address (its mask sets the cluster's segment), port
   * the cluster's; either alone changes just that value. addr needs the
   * server (a one-server cluster needs no name); port alone does not.
   */
  async setResetPath(opts: { cluster?: string; server?: string; addr?: string; port?: string }) {
    const found: ValidationIssue[] = [];
    const addr = opts.addr !== undefined ? parseResetAddr(opts.addr, 'addr') : undefined;
    const port = opts.port !== undefined ? parseResetPort(opts.port, 'port') : undefined;
    found.push(...(addr?.issues ?? []), ...(port?.issues ?? []));
    if (opts.addr === undefined && opts.port === undefined) throw new FieldKitError('INVENTORY_NOTHING_TO_CHANGE', { keys: 'addr=, port=' });
    if (found.length) reject(found);
    return this.mutate('inventory.resetpath', (inv) => {
      const c = opts.server !== undefined && opts.cluster === undefined ? clusterOfServer(inv, opts.server) : clusterForAdd(inv, opts.cluster);
      let server: Server | undefined;
      if (opts.server !== undefined) server = findServer(c, opts.server);
      else if (addr?.value) {
        // The address is one server's own NIC: with no server yet there is nobody to give it to.
        if (c.servers.length === 0) throw new FieldKitError('INVENTORY_RESETPATH_NO_SERVERS', { cluster: c.name });
        if (c.servers.length !== 1) throw new FieldKitError('INVENTORY_RESETPATH_SERVER_REQUIRED', { cluster: c.name, servers: c.servers.map((x) => x.name).join(', ') || '-' });
        server = c.servers[0];
      }
      if (!c.resetPath && !addr?.value) throw new FieldKitError('INVENTORY_RESETPATH_NOT_SET', { cluster: c.name });
      if (!c.resetPath && !port?.value) {
        // haconnsetup's default would be arbitrary; a new reset path needs both values.
        reject([issue('INVENTORY_RESETPATH_PORT_RANGE', 'port', { value: '' })]);
      }
      c.resetPath = { ...(c.resetPath ?? { prefixLength: 0, port: 0 }), ...(addr?.value ? { prefixLength: addr.value.prefixLength } : {}), ...(port?.value ? { port: port.value } : {}) };
      if (server && addr?.value) server.resetPathAddress = addr.value.address;
      const where = server ? ` server=${server.name} addr=${server.resetPathAddress ?? '-'}/${c.resetPath.prefixLength}` : ` prefix=${c.resetPath.prefixLength}`;
      return `cluster=${c.name}${where} port=${c.resetPath.port}`;
    });
  }

  async addServer(opts: { cluster?: string; name: string; addr: string; addr2?: string; account?: string; model?: string }) {
    const model = opts.model !== undefined ? parseServerModel(opts.model) : undefined;
    const found = [...checkServerName(opts.name, 'name')];
    const a = parseBmcAddress(opts.addr, 'addr');
    const b = opts.addr2 !== undefined ? parseBmcAddress(opts.addr2, 'addr2') : undefined;
    found.push(...a.issues, ...(b?.issues ?? []), ...checkAccount(opts.account ?? '', 'account'));
    if (found.length) reject(found);
    return this.mutate('inventory.pserver.add', (inv) => {
      const c = clusterForAdd(inv, opts.cluster);
      if (c.servers.some((s) => s.name.toLowerCase() === opts.name.toLowerCase())) {
        throw new FieldKitError('INVENTORY_SERVER_EXISTS', { server: opts.name, cluster: c.name });
      }
      const s = newServer(opts.name, a.value!, opts.account ?? '', this.deps.newServerDefaults?.());
      if (b?.value) s.bmc.secondary = b.value;
      if (model) s.model = model;
      c.servers.push(s);
      return `cluster=${c.name} server=${s.name}`;
    });
  }

  async deleteServer(opts: { cluster?: string; name: string }) {
    let removed: Server | undefined;
    const r = await this.mutate('inventory.pserver.del', (inv) => {
      const c = resolveCluster(inv, opts.cluster);
      removed = findServer(c, opts.name);
      c.servers = c.servers.filter((s) => s !== removed);
      return `cluster=${c.name} server=${opts.name}`;
    });
    if (removed?.account && this.deps.credentials) {
      for (const ep of [removed.bmc.primary, removed.bmc.secondary]) if (ep) await this.deps.credentials.remove(ep, removed.account).catch(() => undefined);
    }
    return r;
  }

  /** `set.name` renames; the target is always `name`. */
  async modifyServer(opts: { cluster?: string; name: string; set: ServerEdit }) {
    const e = opts.set;
    if (e.addr === undefined && e.addr2 === undefined && e.account === undefined && e.name === undefined && e.model === undefined) {
      throw new FieldKitError('INVENTORY_NOTHING_TO_CHANGE', { keys: 'name=, addr=, addr2=, account=, --model' });
    }
    return this.modify(opts.cluster, opts.name, e);
  }

  /** `pserver mod <name> [name=] [addr=] [addr2=] [account=]`; an empty addr2= removes the secondary. */
  async modify(cluster: string | undefined, name: string, edit: ServerEdit) {
    const found: ValidationIssue[] = [];
    if (edit.name !== undefined) found.push(...checkServerName(edit.name, 'name'));
    const a = edit.addr !== undefined ? parseBmcAddress(edit.addr, 'addr') : undefined;
    const b = edit.addr2 !== undefined && edit.addr2 !== '' ? parseBmcAddress(edit.addr2, 'addr2') : undefined;
    found.push(...(a?.issues ?? []), ...(b?.issues ?? []));
    if (edit.account !== undefined) found.push(...checkAccount(edit.account, 'account'));
    if (found.length) reject(found);
    const model = edit.model !== undefined && edit.model !== '' ? parseServerModel(edit.model) : undefined;
    let before: Server | undefined;
    let after: Server | undefined;
    const r = await this.mutate('inventory.pserver.mod', (inv) => {
      const c = resolveCluster(inv, cluster);
      const s = findServer(c, name);
      before = clone(s);
      if (edit.name !== undefined && edit.name !== s.name) {
        if (c.servers.some((x) => x !== s && x.name.toLowerCase() === edit.name!.toLowerCase())) {
          throw new FieldKitError('INVENTORY_SERVER_EXISTS', { server: edit.name, cluster: c.name });
        }
        s.name = edit.name;
      }
      if (a?.value) s.bmc.primary = a.value;
      if (edit.addr2 === '') delete s.bmc.secondary;
      else if (b?.value) s.bmc.secondary = b.value;
      if (edit.account !== undefined) s.account = edit.account;
      if (edit.model === '') delete s.model;
      else if (model) s.model = model;
      after = clone(s);
      return `cluster=${c.name} server=${name}${edit.name ? ` name=${edit.name}` : ''}`;
    });
    await this.followCredentials(before, after);
    return r;
  }

  private async followCredentials(before: Server | undefined, after: Server | undefined): Promise<void> {
    const cred = this.deps.credentials;
    if (!cred || !before || !after || !before.account) return;
    const pairs: Array<[BmcAddress | undefined, BmcAddress | undefined]> = [
      [before.bmc.primary, after.bmc.primary],
      [before.bmc.secondary, after.bmc.secondary ?? undefined],
    ];
    for (const [from, to] of pairs) {
      if (!from) continue;
      if (!to || !after.account) await cred.remove(from, before.account).catch(() => undefined);
      else await cred.move(from, before.account, to, after.account).catch(() => undefined);
    }
  }

  /** Full edit of one server from the UI form; `originalName` absent means a new server. */
  async putServer(opts: { cluster: string; server: Server; originalName?: string }) {
    const shape = parseInventoryShape({ schemaVersion: INVENTORY_SCHEMA_VERSION, clusters: [{ name: 'x', kind: 'physical', servers: [opts.server] }] });
    if (!shape.value) reject(shape.issues);
    const server = shape.value.clusters[0].servers[0];
    let before: Server | undefined;
    const r = await this.mutate('inventory.server.put', (inv) => {
      const c = resolveCluster(inv, opts.cluster);
      if (opts.originalName === undefined) {
        if (c.servers.some((s) => s.name.toLowerCase() === server.name.toLowerCase())) {
          throw new FieldKitError('INVENTORY_SERVER_EXISTS', { server: server.name, cluster: c.name });
        }
        c.servers.push(server);
      } else {
        const s = findServer(c, opts.originalName);
        before = clone(s);
        c.servers[c.servers.indexOf(s)] = server;
      }
      return `cluster=${c.name} server=${server.name}`;
    });
    await this.followCredentials(before, server);
    return r;
  }

  async putCluster(opts: { cluster: Omit<Cluster, 'servers'>; originalName?: string }) {
    const shape = parseInventoryShape({ schemaVersion: INVENTORY_SCHEMA_VERSION, clusters: [{ ...opts.cluster, servers: [] }] });
    if (!shape.value) reject(shape.issues);
    const value = shape.value.clusters[0];
    return this.mutate('inventory.cluster.put', (inv) => {
      if (opts.originalName === undefined) {
        if (inv.clusters.some((c) => c.name.toLowerCase() === value.name.toLowerCase())) {
          reject([issue('INVENTORY_CLUSTER_NAME_DUPLICATE', 'name', { value: value.name })]);
        }
        inv.clusters.push(value);
      } else {
        const c = resolveCluster(inv, opts.originalName);
        c.name = value.name;
        c.kind = value.kind as ClusterKind;
        c.resetPath = value.resetPath;
        c.trapSettings = value.trapSettings;
      }
      return `cluster=${value.name}`;
    });
  }

  async removeCluster(name: string) {
    return this.mutate('inventory.cluster.remove', (inv) => {
      const c = resolveCluster(inv, name);
      inv.clusters = inv.clusters.filter((x) => x !== c);
      return `cluster=${name}`;
    });
  }

  // ---- import / export

  /** Validates an import completely and computes its diff; changes nothing. */
  async planImport(opts: { text: string; format: ImportFormat; source: string; cluster?: string }): Promise<ImportPlan> {
    const { inventory: current } = await this.deps.store.load();
    const plan = (issues: ValidationIssue[], next?: Inventory, migratedFrom?: number): ImportPlan => {
      const ok = errorsOf(issues).length === 0 && next !== undefined;
      return { format: opts.format, ok, issues, changes: ok ? diffInventories(current, next) : [], next: ok ? next : undefined, migratedFrom };
    };
    if (opts.format === 'json') {
      let data: unknown;
      try {
        data = JSON.parse(opts.text.replace(/^\uFEFF/, ''));
      } catch (e) {
        return plan([issue('INVENTORY_IMPORT_BAD_JSON', opts.source, { detail: (e as Error).message.slice(0, 200) })]);
      }
      let migrated: { doc: unknown; from?: number };
      try {
        migrated = migrate(data, opts.source);
      } catch (e) {
        const fe = e as FieldKitError;
        return plan([issue(fe.id, opts.source, fe.params)]);
      }
      const shape = parseInventoryShape(migrated.doc);
      if (!shape.value) return plan(shape.issues);
      return plan(validateInventory(shape.value), shape.value, migrated.from);
    }
    let parsed: ReturnType<typeof serversFromCsv>;
    try {
      parsed = serversFromCsv(opts.text, this.deps.newServerDefaults?.());
    } catch (e) {
      const fe = e as FieldKitError;
      return plan([issue(fe.id, opts.source, fe.params)]);
    }
    if (errorsOf(parsed.issues).length) return plan(parsed.issues);
    const next = clone(current);
    const rowIssues: ValidationIssue[] = [];
    for (const row of parsed.rows) {
      let c: Cluster;
      try {
        c = clusterForAdd(next, row.cluster ?? opts.cluster);
      } catch (e) {
        const fe = e as FieldKitError;
        rowIssues.push(issue(fe.id, `csv line ${row.line}`, fe.params));
        continue;
      }
      const existing = c.servers.find((s) => s.name === row.server.name);
      if (!existing) c.servers.push(row.server);
      else {
        // Upsert: the row's columns replace those values; what the CSV cannot express stays.
        existing.bmc.primary = row.server.bmc.primary;
        if (row.given.has('bmc2')) existing.bmc.secondary = row.server.bmc.secondary;
        if (!row.server.bmc.secondary && row.given.has('bmc2')) delete existing.bmc.secondary;
        for (const k of ['account', 'notes', 'slots', 'trapReceivers', 'interfaces'] as const) if (row.given.has(k)) (existing as unknown as Record<string, unknown>)[k] = row.server[k];
        // Optional fields: an empty cell removes the value.
        for (const k of ['model', 'resetPathAddress', 'onboardInterconnect'] as const) {
          if (!row.given.has(k)) continue;
          if (row.server[k] === undefined) delete existing[k];
          else (existing as unknown as Record<string, unknown>)[k] = row.server[k];
        }
        if (row.given.has('cipher')) existing.ipmi.cipherSuite = row.server.ipmi.cipherSuite;
        if (row.given.has('weakCipherAccepted')) existing.ipmi.weakCipherAccepted = row.server.ipmi.weakCipherAccepted;
        if (row.given.has('privilege')) existing.ipmi.privilege = row.server.ipmi.privilege;
      }
    }
    if (rowIssues.length) return plan([...parsed.issues, ...rowIssues]);
    return plan([...parsed.issues, ...validateInventory(next)], next);
  }

  /** All or nothing: applies only when the whole import validates. */
  async applyImport(opts: { text: string; format: ImportFormat; source: string; cluster?: string }): Promise<ImportPlan> {
    return this.deps.store.withLock(() => this.applyImportLocked(opts));
  }

  private async applyImportLocked(opts: { text: string; format: ImportFormat; source: string; cluster?: string }): Promise<ImportPlan> {
    const p = await this.planImport(opts);
    if (!p.ok || !p.next) throw new InventoryRejected('INVENTORY_IMPORT_REJECTED', p.issues);
    const next = { ...p.next, schemaVersion: INVENTORY_SCHEMA_VERSION };
    await this.deps.store.save(next);
    this.deps.audit?.('inventory.import', `source=${path.basename(opts.source)} format=${opts.format} changes=${p.changes.length}`);
    this.deps.onChange?.(next);
    return p;
  }

  static formatOf(file: string, text?: string): ImportFormat {
    const ext = path.extname(file).toLowerCase();
    if (ext === '.json') return 'json';
    if (ext === '.csv') return 'csv';
    const t = text?.replace(/^\uFEFF/, '').trimStart();
    if (t?.startsWith('{')) return 'json';
    if (t && /^[\w" ]+,/.test(t)) return 'csv';
    throw new FieldKitError('INVENTORY_IMPORT_FORMAT_UNKNOWN', { path: file });
  }

  /**
   * Reads an import: a regular file only (no device, FIFO or socket: /dev/zero
   * fails at once), opened without blocking and checked on the open handle,
   * and read with a cap that does not trust the stat size (0 for /proc files):
   * at most IMPORT_MAX_BYTES + 1 bytes are ever read.
   */
  static async readImportFile(file: string): Promise<string> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, fsp.constants.O_RDONLY | fsp.constants.O_NONBLOCK);
    } catch (e) {
      throw new FieldKitError('FILE_READ_FAILED', { path: file, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
    }
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw new FieldKitError('FILE_READ_FAILED', { path: file, detail: 'not a regular file' });
      if (st.size > IMPORT_MAX_BYTES) throw new FieldKitError('INVENTORY_IMPORT_TOO_LARGE', { path: file, max: IMPORT_MAX_BYTES });
      const buf = Buffer.alloc(IMPORT_MAX_BYTES + 1);
      let got = 0;
      while (got < buf.length) {
        const { bytesRead } = await handle.read(buf, got, buf.length - got, null);
        if (bytesRead === 0) break;
        got += bytesRead;
      }
      if (got > IMPORT_MAX_BYTES) throw new FieldKitError('INVENTORY_IMPORT_TOO_LARGE', { path: file, max: IMPORT_MAX_BYTES });
      return buf.subarray(0, got).toString('utf8');
    } catch (e) {
      if (e instanceof FieldKitError) throw e;
      throw new FieldKitError('FILE_READ_FAILED', { path: file, detail: (e as NodeJS.ErrnoException).code ?? String(e) });
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  async importFile(file: string, opts: { dryRun?: boolean; cluster?: string } = {}): Promise<ImportPlan> {
    const text = await InventoryService.readImportFile(file);
    const format = InventoryService.formatOf(file, text);
    const req = { text, format, source: file, cluster: opts.cluster };
    return opts.dryRun ? this.planImport(req) : this.applyImport(req);
  }

  /** The export holds no secret by construction: the model has none (Kg only as a flag). */
  async exportText(format: ImportFormat): Promise<string> {
    const { inventory } = await this.deps.store.load();
    return format === 'json' ? `${JSON.stringify({ ...inventory, schemaVersion: INVENTORY_SCHEMA_VERSION }, null, 2)}\n` : inventoryToCsv(inventory);
  }

  async exportFile(file: string, format?: ImportFormat): Promise<{ file: string; format: ImportFormat; bytes: number }> {
    const f = format ?? (path.extname(file).toLowerCase() === '.csv' ? 'csv' : 'json');
    const text = await this.exportText(f);
    await writeFileAtomic(file, text, { mode: 0o600 });
    return { file, format: f, bytes: Buffer.byteLength(text) };
  }
}

export { emptyInventory };
