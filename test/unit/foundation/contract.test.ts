import { describe, expect, it } from 'vitest';
import { channelNames, channels, eventNames } from '../../../shared/contract';
import { dispatch, handlerNames } from '../../../src-main/api';
import { preloadAllowedChannels, preloadAllowedEvents, createBridge } from '../../../src-main/app/preload-bridge';
import { tempServices } from '../../support/temp-services';

describe('one contract', () => {
  it('the preload allow-list, the contract channels and the handler table are the same set', () => {
    const contract = [...channelNames].sort();
    expect([...preloadAllowedChannels].sort()).toEqual(contract);
    expect([...handlerNames].sort()).toEqual(contract);
    expect([...preloadAllowedEvents].sort()).toEqual([...eventNames].sort());
  });

  it('every channel name is domain.action', () => {
    for (const name of channelNames) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+(\.[a-zA-Z]+)*$/);
  });

  it('every channel has a run-time request schema', () => {
    for (const name of channelNames) expect(typeof channels[name].request.safeParse).toBe('function');
  });
});

describe('dispatch validates channel and payload', () => {
  it('refuses an unknown channel', async () => {
    const { ctx, cleanup } = tempServices();
    const r = await dispatch('evil.channel', {}, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.id).toBe('IPC_UNKNOWN_CHANNEL');
    await cleanup();
  });

  it('refuses a malformed payload without echoing its values', async () => {
    const { ctx, cleanup } = tempServices();
    const r = await dispatch('logs.operations', { limit: 'secret-value-123' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.id).toBe('IPC_BAD_PAYLOAD');
      expect(JSON.stringify(r.error)).not.toContain('secret-value-123');
    }
    const extra = await dispatch('app.info', { injected: true }, ctx);
    expect(extra.ok).toBe(false);
    await cleanup();
  });

  it('answers app.info with the package version', async () => {
    const { ctx, cleanup } = tempServices();
    const r = await dispatch('app.info', {}, ctx);
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { version: string }).version).toBe(ctx.services.app.version);
    await cleanup();
  });

  it('the preload bridge refuses channels outside the contract before IPC', async () => {
    const sent: unknown[] = [];
    const bridge = createBridge({
      invoke: async (...args: unknown[]) => {
        sent.push(args);
        return { ok: true, value: 1 };
      },
      on: () => undefined,
      removeListener: () => undefined,
    });
    const refused = await bridge.invoke('shell.exec', {});
    expect(refused.ok).toBe(false);
    expect(sent).toHaveLength(0);
    await bridge.invoke('app.info', {});
    expect(sent).toHaveLength(1);
  });
});
