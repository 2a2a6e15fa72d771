import type { SolConfigView, SolConsoleView, SolEndedView, SolOutputEvent, SolSavedView, SolStateEvent, SolStatsView, SolTranscriptView } from '../../../shared/contract/sol';
import { FieldKitError, isCancellation, isFieldKitError } from '../../../shared/errors';
import type { OperationRecord } from '../../../shared/model/operation';
import type { IpmiTarget } from '../../engines/ipmi';
import { isUnreachable } from '../../engines/ipmi/dual';
import type { SolConsole, SolEngine, SolStats } from './port';
import { RingTranscript } from './transcript';

/** Bytes of each server's transcript kept in memory (the newest). */
export const TRANSCRIPT_LIMIT = 1024 * 1024;
/** Output is pushed to the window at most this often: one event per BMC packet would flood the IPC. */
const FLUSH_MS = 25;
/** ... or as soon as this much is waiting. */
const FLUSH_BYTES = 32 * 1024;

export interface SolServiceDeps {
  engine: () => SolEngine;
  /** The server's BMC targets, secrets resolved (BmcService.serverTargets). */
  targets: (server: string) => Promise<{ primary: IpmiTarget; secondary?: IpmiTarget }>;
  publishOutput: (e: SolOutputEvent) => void;
  publishState: (e: SolStateEvent) => void;
  now: () => number;
  /** Stores a transcript with the open recovery case of a server. */
  saveToCase: (server: string, data: Buffer, dropped: number) => Promise<SolSavedView>;
  audit: (r: Omit<OperationRecord, 'when'>) => void;
  transcriptLimit?: number;
}

export interface SolOpenOptions {
  takeover?: boolean;
  /** The call's signal: aborted when its window or connection goes away, or on shutdown. */
  signal?: AbortSignal;
  who: string;
  via: OperationRecord['via'];
}

interface Entry {
  /** Ends the console (or its activation) when the user, the window or the app asks. */
  stop: AbortController;
  console?: SolConsole;
  view?: SolConsoleView;
  ended: Promise<SolEndedView>;
}

const role = (t: IpmiTarget, primary: IpmiTarget) => (t === primary ? 'primary' : 'secondary');
const addr = (t: IpmiTarget) => `${t.host}:${t.port ?? 623}`;

/**
 * The window's Serial over LAN consoles: at most one per server in this
 * process (two would interleave keystrokes, and the BMC allows one payload
 * instance anyway). A console lives as long as the `sol.open` call that
 * opened it: Disconnect, the window or browser tab going away, and app quit
 * all deactivate the payload, so no console is left on the BMC. What the BMC
 * sends is kept per server in a bounded ring (TRANSCRIPT_LIMIT), also after
 * the console ends, for "Save transcript" and the dump.
 */
export class SolService {
  private readonly consoles = new Map<string, Entry>();
  private readonly transcripts = new Map<string, RingTranscript>();

  constructor(private readonly deps: SolServiceDeps) {}

  /** Opens the console and resolves when it ends (how it ended). */
  async open(server: string, o: SolOpenOptions): Promise<SolEndedView> {
    if (this.consoles.has(server)) throw new FieldKitError('SOLCONSOLE_ALREADY_OPEN', { server });
    const stop = new AbortController();
    let settle!: (v: SolEndedView) => void;
    const entry: Entry = { stop, ended: new Promise((r) => (settle = r)) };
    // Reserved before the first await: a second Connect while this one activates is refused too.
    this.consoles.set(server, entry);
    const signal = o.signal ? AbortSignal.any([o.signal, stop.signal]) : stop.signal;
    const action = o.takeover ? 'sol.takeover' : 'sol.activate';
    let bmc: string | undefined;
    try {
      const { primary, secondary } = await this.deps.targets(server);
      let target = primary;
      let c: SolConsole;
      try {
        c = await this.deps.engine().openSol(primary, { takeover: o.takeover === true, signal });
      } catch (e) {
        // The primary did not answer at all: the secondary address reaches the same BMC.
        if (!secondary || !isUnreachable(e) || signal.aborted) throw e;
        target = secondary;
        c = await this.deps.engine().openSol(secondary, { takeover: o.takeover === true, signal });
      }
      bmc = `${role(target, primary)} ${addr(target)}`;
      entry.console = c;
      const info = c.info;
      entry.view = {
        server, answeredBy: bmc, instance: info.instance, inboundSize: info.inboundSize, outboundSize: info.outboundSize,
        payloadPort: info.payloadPort, ...(info.suite !== undefined ? { suite: info.suite } : {}), ...(info.privilege ? { privilege: info.privilege } : {}),
        encrypted: info.encrypted, tookOver: o.takeover === true, openedAt: new Date(this.deps.now()).toISOString(),
      };
      this.deps.audit({ who: o.who, via: o.via, target: server, bmc, action, result: 'ok' });
    } catch (e) {
      this.consoles.delete(server);
      const cancelled = isCancellation(e) || signal.aborted;
      this.deps.audit({
        who: o.who, via: o.via, target: server, ...(bmc ? { bmc } : {}), action,
        ...(cancelled ? { result: 'cancelled' as const, errorId: 'CANCELLED' } : { result: 'failed' as const, ...(isFieldKitError(e) ? { errorId: e.id } : {}) }),
      });
      settle({ server });
      throw e;
    }
    this.run(server, entry, signal, settle);
    return entry.ended;
  }

  /** Wires an open console: output to the ring and the window, its end to the caller. */
  private run(server: string, entry: Entry, signal: AbortSignal, settle: (v: SolEndedView) => void): void {
    const c = entry.console!;
    const ring = this.transcriptOf(server, true)!;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending).toString('base64');
      pending = [];
      pendingBytes = 0;
      this.deps.publishOutput({ server, data });
    };
    const offData = c.onData((bytes) => {
      ring.append(bytes);
      pending.push(Buffer.from(bytes));
      pendingBytes += bytes.length;
      if (pendingBytes >= FLUSH_BYTES) flush();
      else timer ??= setTimeout(flush, FLUSH_MS);
    });
    let done = false;
    const finish = (why: { errorId?: string; params?: Record<string, unknown> }) => {
      if (done) return;
      done = true;
      offData();
      offClose();
      signal.removeEventListener('abort', onAbort);
      flush();
      if (this.consoles.get(server) === entry) this.consoles.delete(server);
      const ended: SolEndedView = { server, ...(why.errorId ? { errorId: why.errorId } : {}), ...(why.params ? { params: plainParams(why.params) } : {}), stats: statsView(c.stats()) };
      this.deps.publishState({ state: 'closed', ...ended });
      settle(ended);
    };
    const offClose = c.onClose(finish);
    // Disconnect, the window gone, app quit: deactivate the payload; onClose then ends the call.
    const onAbort = () => {
      c.deactivate().catch(() => undefined).finally(() => finish({}));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    this.deps.publishState({ server, state: 'open', console: entry.view! });
    if (signal.aborted) onAbort();
  }

  private live(server: string): SolConsole {
    const c = this.consoles.get(server)?.console;
    if (!c) throw new FieldKitError('SOLCONSOLE_NOT_OPEN', { server });
    return c;
  }

  async write(server: string, bytes: Uint8Array): Promise<number> {
    await this.live(server).write(bytes);
    return bytes.length;
  }

  async sendBreak(server: string): Promise<void> {
    await this.live(server).sendBreak();
  }

  /** Ends the console of a server (false when none was open); resolves once the payload is deactivated. */
  async close(server: string): Promise<boolean> {
    const e = this.consoles.get(server);
    if (!e) return false;
    e.stop.abort();
    await e.ended;
    return true;
  }

  /** Every console of this process: on app quit and when the headless host stops. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.consoles.keys()].map((s) => this.close(s)));
  }

  async config(server: string, signal?: AbortSignal): Promise<SolConfigView> {
    const { primary, secondary } = await this.deps.targets(server);
    let target = primary;
    let cfg;
    try {
      cfg = await this.deps.engine().readSolConfig(primary, signal);
    } catch (e) {
      if (!secondary || !isUnreachable(e) || signal?.aborted) throw e;
      target = secondary;
      cfg = await this.deps.engine().readSolConfig(secondary, signal);
    }
    return { server, answeredBy: `${role(target, primary)} ${addr(target)}`, ...cfg };
  }

  transcript(server: string): SolTranscriptView {
    const ring = this.transcriptOf(server, false);
    const open = this.consoles.get(server)?.view;
    return { server, ...(open ? { open } : {}), data: ring ? ring.bytes().toString('base64') : '', totalBytes: ring?.total ?? 0, droppedBytes: ring?.dropped ?? 0 };
  }

  /** The transcript bytes kept for a server (the dump includes them), undefined when nothing was received. */
  transcriptBytes(server: string): Buffer | undefined {
    const ring = this.transcriptOf(server, false);
    return ring && ring.length > 0 ? ring.bytes() : undefined;
  }

  /** Servers with a transcript in memory. */
  transcriptServers(): string[] {
    return [...this.transcripts.entries()].filter(([, r]) => r.length > 0).map(([s]) => s);
  }

  async save(server: string): Promise<SolSavedView> {
    const ring = this.transcriptOf(server, false);
    if (!ring || ring.length === 0) throw new FieldKitError('SOLCONSOLE_TRANSCRIPT_EMPTY', { server });
    return this.deps.saveToCase(server, ring.bytes(), ring.dropped);
  }

  isOpen(server: string): boolean {
    return this.consoles.get(server)?.console !== undefined;
  }

  private transcriptOf(server: string, create: boolean): RingTranscript | undefined {
    let r = this.transcripts.get(server);
    if (!r && create) this.transcripts.set(server, (r = new RingTranscript(this.deps.transcriptLimit ?? TRANSCRIPT_LIMIT)));
    return r;
  }
}

function statsView(s: SolStats): SolStatsView {
  return { sentPackets: s.sentPackets, retransmitted: s.retransmitted, receivedPackets: s.receivedPackets, duplicatesDropped: s.duplicatesDropped, bytesIn: s.bytesIn, bytesOut: s.bytesOut };
}

/** An engine's error params as they may cross the boundary (primitive values only). */
function plainParams(p: Record<string, unknown>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(p)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  return out;
}
