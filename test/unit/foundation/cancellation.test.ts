import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asCancellation, FieldKitError, isCancellation, isCancellationId } from '../../../shared/errors';
import { catalogue } from '../../../shared/messages';
import { dispatch } from '../../../src-main/api';
import { credentialsOf } from '../../../src-main/services/credentials/wire';
import { JobRegistry } from '../../../src-main/services/jobs';
import { findFreeUdpPort, releasePort } from '../../support/ipmi-sim';
import { tempServices } from '../../support/temp-services';
import { serverAt, writeInventory } from '../../integration/firmware/helpers';

describe('one cancellation id', () => {
  it('CANCELLED is catalogued; the old per-domain cancel ids are gone', () => {
    expect(catalogue.CANCELLED.en).toMatch(/cancelled/i);
    for (const gone of ['DUMP_CANCELLED', 'FIRMWARE_CANCELLED', 'OPERATION_ABORTED', 'RECOVERY_ABORTED', 'IPMI_ABORTED', 'IPMICMD_CANCELLED']) expect(gone in catalogue, gone).toBe(false);
  });

  it('isCancellation knows CANCELLED, Ctrl-C at a prompt and AbortError, and nothing else', () => {
    expect(isCancellation(new FieldKitError('CANCELLED'))).toBe(true);
    expect(isCancellationId('CANCELLED')).toBe(true);
    expect(isCancellationId('IPMI_ABORTED')).toBe(false);
    expect(isCancellation({ id: 'CANCELLED', params: {}, message: '' })).toBe(true);
    expect(isCancellation(Object.assign(new Error('cancelled'), { cancelled: true }))).toBe(true);
    const ac = new AbortController();
    ac.abort();
    expect(isCancellation(ac.signal.reason)).toBe(true);
    expect(isCancellation(new FieldKitError('CLI_ABORTED'))).toBe(false);
    expect(isCancellation(new FieldKitError('IPMI_NO_RESPONSE', { host: 'h', port: 623 }))).toBe(false);
    expect(isCancellation(undefined)).toBe(false);
  });

  it('asCancellation turns any error after an abort into CANCELLED', () => {
    const timeout = new FieldKitError('IPMI_NO_RESPONSE', { host: 'h', port: 623 });
    expect(asCancellation(timeout)).toBe(timeout);
    const ac = new AbortController();
    ac.abort();
    expect((asCancellation(timeout, ac.signal) as FieldKitError).id).toBe('CANCELLED');
  });
});

describe('job registry', () => {
  it('runs calls by id, cancels one, its owner\'s, or all; refuses a malformed or busy id', async () => {
    const r = new JobRegistry();
    const a = r.start('firmware.postflight', 'host', { id: 'job-a', owner: 'ws:1' });
    const b = r.start('dump.create', 'host', { owner: 'ws:2' });
    expect(b.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => r.start('x.y', 'host', { id: 'job-a' })).toThrow(/already in use/);
    expect(() => r.start('x.y', 'host', { id: 'bad id!' })).toThrow(FieldKitError);
    expect(r.list().map((j) => j.jobId).sort()).toEqual(['job-a', b.id].sort());
    expect(r.cancel('job-a')).toBe(true);
    expect(a.signal.aborted).toBe(true);
    expect((a.signal.reason as FieldKitError).id).toBe('CANCELLED');
    expect(r.list().find((j) => j.jobId === 'job-a')?.cancelling).toBe(true);
    a.end();
    expect(r.cancel('job-a')).toBe(false);
    expect(r.cancelOwnedBy('ws:2')).toBe(1);
    expect(b.signal.aborted).toBe(true);
    const idle = r.idle(1000);
    b.end();
    expect(await idle).toBe(true);
    expect(r.list()).toEqual([]);
  });
});

describe('dispatch: every call is a job that jobs.cancel can stop', () => {
  it('a firmware post-flight waiting for a BMC that does not answer ends with CANCELLED at once, writing no record', async () => {
    const env = tempServices();
    const port = await findFreeUdpPort();
    try {
      const server = serverAt('node1', port);
      writeInventory(env.home, [server]);
      credentialsOf(env.services).setSessionOnly(server.bmc.primary, 'admin', 'unit-pw-1');
      const running = dispatch('firmware.postflight', { server: 'node1', waitSeconds: 600 }, env.ctx, { id: 'ui-wait-1', owner: 'test' });
      await new Promise((r) => setTimeout(r, 700));
      const list = await dispatch('jobs.list', {}, env.ctx);
      expect(list.ok && (list.value as { jobId: string; channel: string }[])).toEqual([expect.objectContaining({ jobId: 'ui-wait-1', channel: 'firmware.postflight' })]);
      const t0 = Date.now();
      const cancel = await dispatch('jobs.cancel', { jobId: 'ui-wait-1' }, env.ctx);
      expect(cancel).toEqual({ ok: true, value: { cancelled: true } });
      const r = await running;
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.id).toBe('CANCELLED');
      expect(await dispatch('jobs.cancel', { jobId: 'ui-wait-1' }, env.ctx)).toEqual({ ok: true, value: { cancelled: false } });
      expect(await dispatch('jobs.list', {}, env.ctx)).toEqual({ ok: true, value: [] });
      const dir = path.join(env.home, 'firmware');
      expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
      // A malformed job id is refused before the handler runs.
      const bad = await dispatch('app.info', {}, env.ctx, { id: '../etc' });
      expect(!bad.ok && bad.error.id).toBe('IPC_BAD_PAYLOAD');
    } finally {
      releasePort(port);
      await env.cleanup();
    }
  });
});
