import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TrapService, type TrapServiceDeps } from '../../src-main/services/traps';

export const BUILTIN_PROFILES = path.resolve(__dirname, '../../resources/vendor-profiles');

/** A trap service with its log in a fresh temp folder; 127.0.0.1 is "server1" of "cluster-a". */
export function makeTrapService(over: Partial<TrapServiceDeps> = {}): { svc: TrapService; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-traps-'));
  const svc = new TrapService({
    logFile: path.join(dir, 'traps.jsonl'),
    logPolicy: { maxBytes: 4 * 1024 * 1024, generations: 3 },
    builtInProfileDir: BUILTIN_PROFILES,
    resolveSource: (a) => (a === '127.0.0.1' ? { server: 'server1', cluster: 'cluster-a' } : undefined),
    ...over,
  });
  return { svc, dir };
}
