import { systemClock, type Clock } from '../../../shared/clock';
import { FieldKitError, toErrorPayload } from '../../../shared/errors';
import {
  DEFAULT_TRAP_LISTENER_SETTINGS,
  DROP_REASONS,
  type DropReason,
  type TrapBatch,
  type TrapCounters,
  type TrapEvent,
  type TrapFilter,
  type TrapListenerSettings,
  type TrapListenerStatus,
  type TrapRecord,
} from '../../../shared/model/trap';
import { loadProfiles, type VendorProfile } from '../../engines/snmp/profiles';
import { TrapReceiver, type RawTrap, type TrapV3UserWithKeys } from '../../engines/snmp/receiver';
import { decodeTrapRecord, hydrateRecord, type SourceMatch } from '../../engines/snmp/trap-record';
import type { RotationPolicy } from '../logs/rotating-file';
import { DuplicateWindow } from './dedup';
import { PushBatcher } from './push-batcher';
import { SourceRateLimiter } from './rate-limit';
import { TrapLog } from './trap-log';
import { NewestTrapIndex } from './newest-index';

export type { SourceMatch } from '../../engines/snmp/trap-record';

export interface TrapServiceLogger {
  write(level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>): void;
}

export interface TrapServiceDeps {
  logFile: string;
  logPolicy: RotationPolicy;
  builtInProfileDir: string;
  /** The user's editable profiles (e.g. <home>/vendor-profiles). */
  userProfileDir?: string;
  /** Inventory lookup by BMC address (already normalised: no ::ffff: prefix). */
  resolveSource?: (address: string) => SourceMatch | undefined;
  /**
   * Sends IPMI PET Acknowledge (netFn 0x04, cmd 0x17) to the BMC that sent
   * `event` (wire.ts: sessionless, like ipmi-pet). Without it the option
   * is reported as 'skipped' on each event.
   */
  acknowledge?: (event: TrapEvent, signal: AbortSignal, match: SourceMatch | undefined) => Promise<void>;
  /**
   * Stamps of the listener and of each trap (the rate limits, the duplicate
   * window and the unknown-source quota count on them). Default: real time.
   */
  clock?: Clock;
  logger?: TrapServiceLogger;
  /** Pushes to the renderer: at most every this many ms (default 100, ≈10/s). */
  pushIntervalMs?: number;
}

export interface ListenOptions extends Partial<TrapListenerSettings> {
  communities?: string[];
  users?: TrapV3UserWithKeys[];
  receiveBufferBytes?: number;
}


/** The listener settings in start options, without the sockets' credentials (v3 keys stay out of `settings`). */
function settingsFrom(opts: ListenOptions): Partial<TrapListenerSettings> {
  const { communities: _communities, users: _users, receiveBufferBytes: _buffer, ...settings } = opts;
  return settings;
}

const ACK_TIMEOUT_MS = 5000;
const MAX_UNKNOWN_SOURCES = 256;
/**
 * Traps from sources that are not in the inventory are all counted and
 * sampled (the unknown-source list), but only this many a minute reach the
 * trap log and the UI: a flood of spoofed sources cannot rotate a known
 * BMC's traps out of the log or out of the window.
 */
export const UNKNOWN_LOG_PER_MINUTE = 60;
/** Share of the queue that traps from unknown sources may fill; the rest is kept for known BMCs. */
const UNKNOWN_QUEUE_SHARE = 0.5;
const RECENT_DROPS = 50;
/**
 * Time spent decoding per event-loop turn. libuv reads at most 32 datagrams
 * from a UDP socket per loop iteration, so a long decoding turn starves the
 * socket and the kernel drops what no longer fits its buffer: short turns
 * keep receiving ahead of decoding, and the queue absorbs the difference.
 */
const DRAIN_SLICE_MS = 0.25;

function zeroCounters(): TrapCounters {
  const c = { received: 0, accepted: 0, handlerErrors: 0 } as TrapCounters;
  for (const r of DROP_REASONS) c[r] = 0;
  return c;
}

/**
 * A key equal for a BMC's doubles and retransmissions of one event, and
 * different for distinct events: a PET's bytes carry its GUID, sequence
 * number, timestamp and event data.
 */
export function duplicateKey(r: TrapRecord): string {
  if (r.petRaw !== undefined) return `${r.source.address}|${r.petSpecific}|${r.petRaw}`;
  let k = `${r.source.address}|${r.trapOid}`;
  for (const v of r.varbinds) k += `|${v.oid}=${v.value}`;
  return k;
}

/**
 * The duplicate key as a 53-bit number (two FNV-1a variants): the window
 * holds up to 300k keys at 30k traps/s, and numbers cost the heap far less
 * than strings. A false "duplicate" needs a 53-bit collision within one
 * window (about 1 in 10^5 at that rate and size).
 */
export function duplicateHash(key: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

/**
 * The trap service: one listener with its counters, queue, rate limits,
 * duplicate window, unknown-source list, persistent log and batched pushes.
 * No Electron: it runs the same in the app, the headless host and the CLI.
 */
export class TrapService {
  private receiver: TrapReceiver | undefined;
  private settings: TrapListenerSettings = { ...DEFAULT_TRAP_LISTENER_SETTINGS };
  private counters = zeroCounters();
  private since: string | undefined;
  private lastError: TrapListenerStatus['lastError'];
  private readonly unknown = new Map<string, { address: string; count: number; lastSeen: string }>();
  private recentDrops: TrapListenerStatus['recentDrops'] = [];
  private queue: RawTrap[] = [];
  private queueHead = 0;
  private draining = false;
  private queuePeak = 0;
  /** Built on the first newestOsStop question. */
  private osStops: NewestTrapIndex | undefined;
  private limiter = new SourceRateLimiter(this.settings.rateLimit.perSecond, this.settings.rateLimit.burst);
  private dedup = new DuplicateWindow(this.settings.duplicateWindowMs);
  private profiles: VendorProfile[] = [];
  private readonly eventListeners = new Set<(e: TrapEvent) => void>();
  private readonly batchListeners = new Set<(b: TrapBatch) => void>();
  private readonly batcher: PushBatcher<TrapRecord>;
  private seq = 0;
  /** Token bucket for unknown-source traps that go to the log: UNKNOWN_LOG_PER_MINUTE, refilled continuously. */
  private unknownTokens = UNKNOWN_LOG_PER_MINUTE;
  private unknownRefilledAt = 0;
  private readonly acks = new AbortController();
  readonly log: TrapLog;
  private resolveSource: (address: string) => SourceMatch | undefined;
  private readonly clock: Clock;
  /** The clock's now, bound once: the decoder calls it for every trap. */
  private readonly now: () => number;

  constructor(private readonly deps: TrapServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    this.now = () => this.clock.now();
    this.log = new TrapLog(deps.logFile, deps.logPolicy);
    this.resolveSource = deps.resolveSource ?? (() => undefined);
    this.batcher = new PushBatcher<TrapRecord>((records, omitted) => this.emitBatch(records, omitted), deps.pushIntervalMs ?? 100);
    this.reloadProfiles();
  }

  /** Reads the vendor profiles again; bad files are reported and skipped. */
  reloadProfiles(): FieldKitError[] {
    const loaded = loadProfiles({ builtInDir: this.deps.builtInProfileDir, ...(this.deps.userProfileDir ? { userDir: this.deps.userProfileDir } : {}) });
    this.profiles = loaded.profiles;
    for (const p of loaded.problems) this.deps.logger?.write('warn', 'vendor profile skipped', { id: p.id, ...p.params });
    return loaded.problems;
  }

  get loadedProfiles(): readonly VendorProfile[] {
    return this.profiles;
  }

  /** Inventory wiring, done by whoever owns the inventory. */
  setSourceResolver(resolve: (address: string) => SourceMatch | undefined): void {
    this.resolveSource = resolve;
  }

  get listening(): boolean {
    return !!this.receiver;
  }

  /** What the running listener was started with (to restart it, or to roll back). */
  private startOptions?: ListenOptions;

  /**
   * New settings for a running listener. Limits, the duplicate window, the
   * queue limit, PET Acknowledge and unknown-source handling change in place,
   * without a gap; a new address, port, community or v3 user needs a new
   * socket, so the listener restarts, and if the new one cannot start the old
   * one is started again (reception is not lost to a typo) and the error is
   * thrown. Not listening: nothing to do.
   */
  async apply(opts: ListenOptions): Promise<{ status: TrapListenerStatus; restarted: boolean }> {
    const old = this.startOptions;
    if (!this.receiver || !old) return { status: this.status(), restarted: false };
    const socketKey = (o: ListenOptions) => JSON.stringify([o.address ?? DEFAULT_TRAP_LISTENER_SETTINGS.address, o.port ?? DEFAULT_TRAP_LISTENER_SETTINGS.port, o.communities ?? [], o.users ?? []]);
    if (socketKey(opts) === socketKey(old)) {
      this.configure(settingsFrom(opts));
      this.startOptions = opts;
      return { status: this.status(), restarted: false };
    }
    await this.stop();
    try {
      return { status: await this.start(opts), restarted: true };
    } catch (e) {
      await this.start(old).catch((again) => this.deps.logger?.write('error', 'trap listener could not return to its previous settings', { id: toErrorPayload(again).id }));
      throw e;
    }
  }

  private configure(rest: Partial<TrapListenerSettings>): void {
    this.settings = { ...DEFAULT_TRAP_LISTENER_SETTINGS, ...rest, rateLimit: { ...DEFAULT_TRAP_LISTENER_SETTINGS.rateLimit, ...(rest.rateLimit ?? {}) } };
    this.limiter = new SourceRateLimiter(this.settings.rateLimit.perSecond, this.settings.rateLimit.burst);
    this.dedup = new DuplicateWindow(this.settings.duplicateWindowMs);
  }

  async start(opts: ListenOptions = {}): Promise<TrapListenerStatus> {
    if (this.receiver?.address) {
      throw new FieldKitError('TRAPS_ALREADY_LISTENING', { address: this.receiver.address.address, port: this.receiver.address.port });
    }
    const { communities = [], users = [], receiveBufferBytes } = opts;
    for (const u of users) {
      if (u.level !== 'noAuthNoPriv' && (!u.authKey || u.authKey.length < 8)) throw new FieldKitError('TRAPS_V3_USER_INVALID', { user: u.name, detail: 'authentication key missing or shorter than 8 characters' });
      if (u.level === 'authPriv' && (!u.privKey || u.privKey.length < 8)) throw new FieldKitError('TRAPS_V3_USER_INVALID', { user: u.name, detail: 'privacy key missing or shorter than 8 characters' });
    }
    if (!communities.length && !users.length) throw new FieldKitError('TRAPS_NO_CREDENTIALS');
    this.configure(settingsFrom(opts));
    const receiver = new TrapReceiver({
      address: this.settings.address,
      port: this.settings.port,
      communities,
      users,
      ...(receiveBufferBytes ? { receiveBufferBytes } : {}),
      onTrap: (t) => this.enqueue(t),
      onDrop: (reason, info) => {
        this.counters.received++;
        this.drop(reason, info.address, info.detail);
      },
      clock: this.clock,
      onSocketError: (e) => {
        this.lastError = { id: e.id, params: e.params };
        this.deps.logger?.write('error', 'trap socket error', { id: e.id });
      },
    });
    try {
      await receiver.start();
    } catch (e) {
      const p = toErrorPayload(e);
      this.lastError = { id: p.id, params: p.params };
      this.deps.logger?.write('error', 'trap listener did not start', { id: p.id, ...p.params });
      throw e;
    }
    this.receiver = receiver;
    this.startOptions = opts;
    this.lastError = undefined;
    this.since = new Date(this.now()).toISOString();
    this.deps.logger?.write('info', 'trap listener started', { ...receiver.address });
    return this.status();
  }

  async stop(): Promise<TrapListenerStatus> {
    const r = this.receiver;
    this.receiver = undefined;
    if (r) await r.stop();
    this.drainNow();
    this.batcher.drain();
    this.log.flush();
    return this.status();
  }

  /** Stops and aborts pending acknowledgements (service shutdown). */
  async close(): Promise<void> {
    this.acks.abort();
    await this.stop();
  }

  status(): TrapListenerStatus {
    const addr = this.receiver?.address;
    return {
      listening: !!addr,
      ...(addr ? { address: addr.address, port: addr.port } : {}),
      ...(addr && this.since ? { since: this.since } : {}),
      counters: { ...this.counters },
      queuePeak: this.queuePeak,
      unknownSources: [...this.unknown.values()].sort((a, b) => (a.lastSeen < b.lastSeen ? 1 : -1)),
      recentDrops: [...this.recentDrops],
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  resetCounters(): void {
    this.counters = zeroCounters();
    this.recentDrops = [];
  }

  /** Every accepted event, as it is decoded (CLI `traps listen`). Returns an unsubscribe function. */
  onEvent(fn: (e: TrapEvent) => void): () => void {
    this.eventListeners.add(fn);
    return () => this.eventListeners.delete(fn);
  }

  /** Batched pushes for the UI: at most ~10 per second whatever the rate. */
  onBatch(fn: (b: TrapBatch) => void): () => void {
    this.batchListeners.add(fn);
    return () => this.batchListeners.delete(fn);
  }

  search(filter: TrapFilter = {}): TrapEvent[] {
    return this.log.search(filter);
  }

  /**
   * The newest OS stop (dump) trap of a server received at or after `since`
   * (ISO time), from the log. The dashboard asks this for every server on
   * every sweep, so it is answered from an index that reads only what the log
   * gained since the last question, not by searching the whole log each time.
   */
  newestOsStop(server: string, since: string): TrapRecord | undefined {
    this.log.flush();
    this.osStops ??= new NewestTrapIndex(this.log.path, () => this.log.files(), 'os-stop');
    const hit = this.osStops.get(server);
    return hit && hit.receivedAt >= new Date(since).toISOString() ? hit.record : undefined;
  }

  // ------------------------------------------------------------ pipeline

  private enqueue(t: RawTrap): void {
    this.counters.received++;
    if (!this.limiter.allow(t.address, t.receivedAt)) return this.drop('rateLimited', t.address, 'per-source rate limit');
    const depth0 = this.queue.length - this.queueHead;
    if (depth0 >= this.settings.queueLimit) return this.drop('queueFull', t.address, 'queue full');
    // Half the queue stays free for known BMCs whatever unknown sources send.
    if (depth0 >= this.settings.queueLimit * UNKNOWN_QUEUE_SHARE && !this.resolveSource(t.address)) {
      this.counters.unknownSource++;
      return this.drop('queueFull', t.address, 'queue share for unknown sources full');
    }
    this.queue.push(t);
    const depth = this.queue.length - this.queueHead;
    if (depth > this.queuePeak) this.queuePeak = depth;
    if (!this.draining) {
      this.draining = true;
      setImmediate(() => this.drainChunk());
    }
  }

  private drainChunk(): void {
    const until = performance.now() + DRAIN_SLICE_MS;
    let n = 0;
    while (this.queueHead < this.queue.length) {
      this.process(this.queue[this.queueHead++]);
      if ((++n & 15) === 0 && performance.now() >= until) break;
    }
    if (this.queueHead < this.queue.length) {
      setImmediate(() => this.drainChunk());
      return;
    }
    this.queue = [];
    this.queueHead = 0;
    this.draining = false;
  }

  private drainNow(): void {
    while (this.queueHead < this.queue.length) this.process(this.queue[this.queueHead++]);
    this.queue = [];
    this.queueHead = 0;
  }

  private drop(reason: DropReason, address: string | undefined, detail: string): void {
    this.counters[reason]++;
    this.recentDrops.unshift({ at: new Date(this.now()).toISOString(), reason, ...(address ? { address } : {}), detail: detail.slice(0, 200) });
    if (this.recentDrops.length > RECENT_DROPS) this.recentDrops.length = RECENT_DROPS;
  }

  private readonly idFn = (): string => this.nextId();

  private nextId(): string {
    return `${this.now().toString(36)}-${(++this.seq).toString(36)}`;
  }

  /** Decodes, filters and delivers one trap. Never throws: a failure here must not stop the queue. */
  private process(raw: RawTrap): void {
    let record: TrapRecord;
    try {
      const r = decodeTrapRecord(raw, { profiles: this.profiles, resolve: this.resolveSource, id: this.idFn, now: this.now });
      if (!r.ok) return this.drop('malformed', raw.address, r.problem.id);
      record = r.record;
    } catch (e) {
      this.counters.handlerErrors++;
      return this.drop('malformed', raw.address, e instanceof Error ? e.message : String(e));
    }
    if (this.dedup.isDuplicate(duplicateHash(duplicateKey(record)), raw.receivedAt)) return this.drop('duplicate', raw.address, record.trapOid);
    if (!record.known) {
      this.counters.unknownSource++;
      this.noteUnknown(record);
      if (!this.settings.acceptUnknownSources || !this.unknownQuota(raw.receivedAt)) {
        this.recentDrops.unshift({ at: record.receivedAt, reason: 'unknownSource', address: raw.address, detail: record.trapOid });
        if (this.recentDrops.length > RECENT_DROPS) this.recentDrops.length = RECENT_DROPS;
        return;
      }
    }
    this.counters.accepted++;
    // The full event (every field, texts) is built only for whoever needs it now.
    let event: TrapEvent | undefined;
    if (this.settings.acknowledge && record.petRaw !== undefined) {
      if (this.deps.acknowledge && record.known) {
        record.ack = 'sent';
        event = hydrateRecord({ ...record });
        this.sendAck(event);
      } else record.ack = 'skipped';
    }
    try {
      this.log.append(record);
    } catch (e) {
      this.deps.logger?.write('error', 'trap log write failed', { detail: e instanceof Error ? e.message : String(e) });
    }
    this.batcher.push(record);
    if (this.eventListeners.size === 0) return;
    event ??= hydrateRecord({ ...record });
    for (const fn of this.eventListeners) {
      try {
        fn(event);
      } catch (e) {
        this.counters.handlerErrors++;
        this.deps.logger?.write('error', 'trap handler threw', { detail: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  /** True while the unknown-source log quota has room (UNKNOWN_LOG_PER_MINUTE). */
  private unknownQuota(now: number): boolean {
    const elapsed = now - this.unknownRefilledAt;
    if (elapsed > 0) {
      this.unknownTokens = Math.min(UNKNOWN_LOG_PER_MINUTE, this.unknownTokens + (elapsed * UNKNOWN_LOG_PER_MINUTE) / 60_000);
      this.unknownRefilledAt = now;
    }
    if (this.unknownTokens < 1) return false;
    this.unknownTokens -= 1;
    return true;
  }

  private noteUnknown(e: TrapRecord): void {
    const cur = this.unknown.get(e.source.address);
    if (cur) {
      cur.count++;
      cur.lastSeen = e.receivedAt;
      return;
    }
    if (this.unknown.size >= MAX_UNKNOWN_SOURCES) {
      const oldest = [...this.unknown.values()].sort((a, b) => (a.lastSeen < b.lastSeen ? -1 : 1))[0];
      this.unknown.delete(oldest.address);
    }
    this.unknown.set(e.source.address, { address: e.source.address, count: 1, lastSeen: e.receivedAt });
  }

  private sendAck(event: TrapEvent): void {
    const ack = this.deps.acknowledge!;
    const signal = AbortSignal.any([this.acks.signal, AbortSignal.timeout(ACK_TIMEOUT_MS)]);
    ack(event, signal, this.resolveSource(event.source.address)).catch((e: unknown) => {
      const p = toErrorPayload(e);
      this.deps.logger?.write('warn', 'PET acknowledge failed', { address: event.source.address, id: p.id });
    });
  }

  private emitBatch(records: TrapRecord[], omitted: number): void {
    if (this.batchListeners.size === 0) return;
    const events: TrapEvent[] = [];
    for (const r of records) {
      try {
        events.push(hydrateRecord({ ...r }));
      } catch {
        this.counters.handlerErrors++;
      }
    }
    const batch: TrapBatch = { events, omitted, counters: { ...this.counters } };
    for (const fn of this.batchListeners) {
      try {
        fn(batch);
      } catch (e) {
        this.counters.handlerErrors++;
        this.deps.logger?.write('error', 'trap batch handler threw', { detail: e instanceof Error ? e.message : String(e) });
      }
    }
  }
}
