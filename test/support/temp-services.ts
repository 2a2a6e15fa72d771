import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HandlerContext } from '../../src-main/api';
import { Services } from '../../src-main/services/container';

/** A Services instance over a fresh temporary home, and a handler context for it. */
export function tempServices(version = '0.0.0-test') {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-test-'));
  const services = new Services({ home, app: { name: 'BMC FieldKit', version } });
  const emitted: Array<{ event: string; payload: unknown }> = [];
  const ctx: HandlerContext = {
    services,
    via: 'cli',
    who: 'tester',
    emit: (event, payload) => emitted.push({ event, payload }),
  };
  return {
    home,
    services,
    ctx,
    emitted,
    cleanup: async () => {
      await services.close();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
