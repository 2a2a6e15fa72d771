import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch, type HandlerContext } from '../../../src-main/api';
import { Services } from '../../../src-main/services/container';

// The recovery channels through the one handler table: payloads are validated
// before any handler runs, and unknown servers never create a case.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-recapi-'));
const services = new Services({ home, app: { name: 'fieldkit-test', version: '0.0.0' } });
const ctx: HandlerContext = { services, via: 'host', who: 'tester', emit: () => undefined };
afterAll(async () => {
  await services.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('recovery handlers', () => {
  it('refuses malformed requests with IPC_BAD_PAYLOAD', async () => {
    const bad = [
      // A caller can no longer claim the confirmation itself: only a confirmationId from confirm.prepare.
      ['recovery.powerOn', { caseId: 'c1', confirmed: true }],
      ['recovery.powerOff', { caseId: 'c1' }],
      ['recovery.get', { caseId: '../../etc/passwd' }],
      ['recovery.checklist', { caseId: 'c1', answers: { failoverElsewhere: true } }],
      ['recovery.start', { server: 'node1', extra: 1 }],
    ] as const;
    for (const [channel, payload] of bad) {
      const r = await dispatch(channel, payload, ctx);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) expect(r.error.id, channel).toBe('IPC_BAD_PAYLOAD');
    }
  });

  it('lists no cases in a fresh home, and refuses a server that is not in the inventory without making a case', async () => {
    expect(await dispatch('recovery.list', {}, ctx)).toEqual({ ok: true, value: [] });
    expect(await dispatch('recovery.servers', {}, ctx)).toEqual({ ok: true, value: [] });
    const r = await dispatch('recovery.start', { server: 'ghost' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.id).toBe('SERVER_UNKNOWN');
    expect(fs.existsSync(path.join(home, 'cases'))).toBe(false);
    const g = await dispatch('recovery.get', { caseId: 'nope' }, ctx);
    expect(g.ok ? '' : g.error.id).toBe('RECOVERY_CASE_NOT_FOUND');
  });
});
