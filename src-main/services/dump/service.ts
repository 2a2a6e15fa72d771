import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { create as tarCreate } from 'tar';
import { FieldKitError, throwIfCancelled, toErrorPayload } from '../../../shared/errors';
import { dumpReadmeText } from '../../../shared/guide/connector-dump';
import type { DumpManifest, DumpManifestFile, DumpProgress, DumpResult, DumpServerSummary } from '../../../shared/model/dump';
import type { Inventory, Server } from '../../../shared/model/inventory';
import type { OperationRecord } from '../../../shared/model/operation';
import type { Clock } from '../../../shared/clock';
import type { IpmiEngine } from '../../engines/ipmi';
import type { SecretLookup } from '../firmware/targets';
import { collectServer } from './bmc-collect';
import { REDACTED, redactValue, SecretScrubber } from './redact';

export interface DumpServiceDeps {
  home: string;
  /** The archive's name and stamps, and the run's elapsed time (shared/clock.ts). */
  clock: Clock;
  app: { name: string; version: string };
  inventory: () => Promise<Inventory>;
  secret: SecretLookup;
  engine: () => IpmiEngine;
  /** Folders of FieldKit's own state copied as they are (logs with rotated generations, cases, firmware records). */
  stateDirs: { logs: string; cases: string; firmware: string };
  audit: (record: Omit<OperationRecord, 'when'>) => void;
  /**
   * Every secret FieldKit knows of now (BMC passwords and Kg of the
   * inventory's servers, SNMPv3 keys, communities, secrets in the
   * environment): cut out of every file, whether or not a BMC is read.
   */
  knownSecrets?: () => Promise<string[]>;
  /** The Serial over LAN transcript this process keeps for a server, if any (services/sol). */
  consoleTranscript?: (server: string) => Buffer | undefined;
}

export interface DumpRunOptions {
  outputDir: string;
  servers?: string[];
  noBmc?: boolean;
  /** What the user piped in (--password-stdin): the last source after keychain and environment (resolveBmcSecret); scrubbed from the archive. */
  password?: string;
  who?: string;
  via?: OperationRecord['via'];
  signal?: AbortSignal;
  onProgress?: (p: DumpProgress) => void;
}

/** Servers read at the same time: a dead BMC costs its probe, not the whole dump. */
const PARALLEL = 4;

/** yyyymmddHHMMSS in UTC (haconnsetup's dump name pattern; UTC so names sort the same across time zones). */
export function dumpStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  let entries: fs.Dirent[];
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    // Temp files of an atomic write in progress are not support material.
    else if (e.isFile() && !e.name.includes('.tmp-')) out.push(path.relative(base, p));
  }
  return out.sort();
}

/**
 * Collects one archive of everything support needs. Every file goes through
 * the redaction step (secret keys emptied, known secrets cut out) before it
 * is written to the staging folder, and the manifest lists each file with
 * its size and SHA-256.
 */
export class DumpService {
  constructor(private readonly deps: DumpServiceDeps) {}

  async run(o: DumpRunOptions): Promise<DumpResult> {
    const t0 = this.deps.clock.now();
    const now = new Date(t0);
    const name = `FieldKitDump.${dumpStamp(now)}`;
    const scrubber = new SecretScrubber();
    scrubber.add(o.password);
    for (const s of await this.deps.knownSecrets?.().catch(() => [] as string[]) ?? []) scrubber.add(s);
    // Cancelled (Ctrl-C, Cancel in the window): CANCELLED, and the staging folder goes with no archive written.
    const checkAbort = () => throwIfCancelled(o.signal);

    // Servers first, so a mistyped name is refused before anything is written.
    let inventory: Inventory | undefined;
    let inventoryError: string | undefined;
    try {
      inventory = await this.deps.inventory();
    } catch (e) {
      inventoryError = toErrorPayload(e).message;
    }
    const all: Server[] = inventory?.clusters.flatMap((c) => c.servers) ?? [];
    let chosen: Server[] = all;
    if (o.servers?.length) {
      chosen = o.servers.map((n) => {
        const s = all.find((x) => x.name === n);
        if (!s) throw new FieldKitError('SERVER_UNKNOWN', { server: n });
        return s;
      });
    }
    if (o.noBmc) chosen = [];

    try {
      await fsp.mkdir(o.outputDir, { recursive: true, mode: 0o700 });
      await fsp.access(o.outputDir, fs.constants.W_OK);
    } catch (e) {
      throw new FieldKitError('DUMP_OUTPUT_UNWRITABLE', { dir: o.outputDir, detail: (e as Error).message });
    }
    const staging = await fsp.mkdtemp(path.join(o.outputDir, `.${name}.`));
    const root = path.join(staging, name);
    const written = new Map<string, Buffer>();
    const put = (rel: string, data: string | Buffer) => written.set(rel, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    const total = chosen.length + 4;
    let done = 0;
    const progress = (step: string, server?: string) => o.onProgress?.({ step, ...(server ? { server } : {}), done, total });

    try {
      // 1. BMCs.
      const summaries: DumpServerSummary[] = [];
      const queue = [...chosen];
      const worker = async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          checkAbort();
          const server = s;
          progress('server', server.name);
          const r = await collectServer(server, {
            engine: this.deps.engine(),
            secret: this.deps.secret,
            ...(o.password !== undefined ? { password: o.password } : {}),
            onSecret: (x) => scrubber.add(x),
            ...(o.signal ? { signal: o.signal } : {}),
            onStep: (step) => progress(step, server.name),
          });
          for (const f of r.files) put(`servers/${server.name}/${f.name}`, f.content);
          put(`servers/${server.name}/errors.json`, `${JSON.stringify(r.summary.errors, null, 2)}\n`);
          summaries.push(r.summary);
          done++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, chosen.length) }, worker));
      summaries.sort((a, b) => chosen.findIndex((s) => s.name === a.server) - chosen.findIndex((s) => s.name === b.server));
      checkAbort();

      // 2. Inventory, already secret-free by design; redacted anyway.
      progress('inventory');
      put('inventory.json', `${JSON.stringify(inventory ? redactValue(inventory) : { error: inventoryError ?? 'no inventory' }, null, 2)}\n`);
      done++;

      // 3. FieldKit's own state: logs (every rotated generation), recovery cases, firmware check records.
      progress('logs');
      for (const [label, dir] of Object.entries(this.deps.stateDirs)) {
        for (const rel of await listFiles(dir)) {
          const data = await fsp.readFile(path.join(dir, rel)).catch(() => undefined);
          if (data) put(`${label}/${rel.split(path.sep).join('/')}`, redactFile(rel, data));
        }
      }
      done++;

      // Console transcripts of the servers dumped (what the BMC's SOL sent, kept in memory by the window's consoles).
      for (const server of o.servers?.length ? o.servers : all.map((x) => x.name)) {
        const text = this.deps.consoleTranscript?.(server);
        if (text) put(`servers/${server}/sol-${server}.txt`, text);
      }

      // A reader's note: what the archive holds and what to collect on the servers besides (haconnsetup dump).
      put('README.txt', dumpReadmeText());

      // 4. Versions.
      progress('versions');
      put(
        'versions.json',
        `${JSON.stringify({ fieldkit: this.deps.app, node: process.version, platform: process.platform, arch: process.arch, release: os.release(), versions: process.versions }, null, 2)}\n`,
      );
      done++;
      checkAbort();

      // 5. Scrub, write, checksum, manifest, archive.
      progress('archive');
      const files: DumpManifestFile[] = [];
      for (const [rel, raw] of [...written.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        const data = scrubber.scrubBuffer(redactText(rel, raw));
        const full = path.join(root, ...rel.split('/'));
        await fsp.mkdir(path.dirname(full), { recursive: true });
        await fsp.writeFile(full, data, { mode: 0o600 });
        files.push({ path: rel, size: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      }
      const manifest: DumpManifest = {
        format: 1,
        createdAt: now.toISOString(),
        fieldkit: this.deps.app,
        node: process.version,
        platform: process.platform,
        arch: process.arch,
        servers: summaries,
        files,
      };
      await fsp.writeFile(path.join(root, 'manifest.json'), scrubber.scrub(`${JSON.stringify(manifest, null, 2)}\n`), { mode: 0o600 });

      // Two dumps within one second (a script, a double click) must not overwrite each other.
      let target = path.join(o.outputDir, `${name}.tar.gz`);
      for (let n = 2; fs.existsSync(target); n++) target = path.join(o.outputDir, `${name}-${n}.tar.gz`);
      const partial = path.join(staging, `${name}.tar.gz.partial`);
      try {
        // Written inside the 0700 staging folder, then made owner-only like each file inside (0600).
        await tarCreate({ gzip: true, file: partial, cwd: staging, portable: true }, [name]);
        await fsp.chmod(partial, 0o600);
        await fsp.rename(partial, target);
      } catch (e) {
        throw new FieldKitError('DUMP_ARCHIVE_FAILED', { detail: (e as Error).message });
      }
      done++;
      const bytes = (await fsp.stat(target)).size;
      const result: DumpResult = { file: target, bytes, fileCount: files.length + 1, servers: summaries, elapsedMs: this.deps.clock.now() - t0 };
      this.deps.audit({
        who: o.who ?? 'unknown',
        via: o.via ?? 'cli',
        target: chosen.length ? chosen.map((s) => s.name).join(',') : 'fieldkit',
        action: 'dump',
        result: 'ok',
        details: { file: path.basename(target), bytes, files: result.fileCount, bmcErrors: summaries.reduce((n, s) => n + s.errors.length, 0) },
      });
      return result;
    } finally {
      await fsp.rm(staging, { recursive: true, force: true });
    }
  }
}

/**
 * Text that is not JSON (plain logs, BMC text) loses the values of
 * secret-looking "key=value" / "key: value" pairs and Authorization / Cookie
 * headers; JSON was redacted by key already.
 */
export function redactText(rel: string, data: Buffer): Buffer {
  if (/\.jsonl?(\.\d+)?$/.test(path.basename(rel))) return data;
  const text = data.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(data)) return data;
  const out = text.replace(
    /\b(authorization|cookie|set-cookie|password|passwd|community|authKey|privKey|kgHex|kg|token|secret)(\s*[:=]\s*)([^\r\n]*)/gi,
    (_m, k: string, sep: string) => `${k}${sep}${REDACTED}`,
  );
  return out === text ? data : Buffer.from(out, 'utf8');
}

/**
 * JSON and JSON-lines files of the state folders are redacted by key too
 * (rotated generations end in .jsonl.1, .jsonl.2...); anything that does not
 * parse is kept as it is and only scrubbed of known secrets.
 */
export function redactFile(rel: string, data: Buffer): Buffer {
  const base = path.basename(rel);
  if (/\.json$/.test(base)) {
    try {
      return Buffer.from(`${JSON.stringify(redactValue(JSON.parse(data.toString('utf8'))), null, 2)}\n`, 'utf8');
    } catch {
      return data;
    }
  }
  if (/\.jsonl(\.\d+)?$/.test(base)) {
    const lines = data.toString('utf8').split('\n').map((line) => {
      if (!line.trim()) return line;
      try {
        return JSON.stringify(redactValue(JSON.parse(line)));
      } catch {
        return line;
      }
    });
    return Buffer.from(lines.join('\n'), 'utf8');
  }
  return data;
}
