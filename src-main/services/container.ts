import fs from 'node:fs';
import { systemClock, type Clock } from '../../shared/clock';
import { EventBus } from './event-bus';
import { createLogs, type Logs } from './logs';

export interface AppIdentity {
  name: string;
  version: string;
  systemLocale?: string;
}

export interface ServiceDeps {
  home: string;
  app: AppIdentity;
  /** The one clock of the process (shared/clock.ts); tests pass a fake one. */
  clock?: Clock;
}

/**
 * The services of one FieldKit process (Electron main, headless host or CLI).
 * Each service is created on first use so a CLI command pays only for what it
 * touches. Services get their dependencies here, never from globals.
 */
export class Services {
  readonly home: string;
  readonly app: AppIdentity;
  /** Every service built from this container reads time and waits on this clock. */
  readonly clock: Clock;
  readonly logs: Logs;
  /** Contract events for the front ends (see shared/contract). */
  readonly bus = new EventBus();
  private readonly instances = new Map<string, unknown>();
  private readonly closers: Array<() => Promise<void> | void> = [];

  constructor(deps: ServiceDeps) {
    this.home = deps.home;
    this.app = deps.app;
    this.clock = deps.clock ?? systemClock;
    fs.mkdirSync(this.home, { recursive: true, mode: 0o700 });
    this.logs = createLogs(this.home, this.clock);
    this.logs.operations.onAppend((r) => this.bus.publish('logs.operation', r));
  }

  /**
   * The one instance of a service in this container, created on first use;
   * `close` (if given) runs at shutdown. Domain modules call this from their
   * own `xxxOf(services)` accessor, so the container imports none of them and
   * a CLI command loads only the domains it touches.
   */
  instance<T>(key: string, create: () => T, close?: (t: T) => Promise<void> | void): T {
    if (!this.instances.has(key)) {
      const instance = create();
      this.instances.set(key, instance);
      if (close) this.closers.push(() => close(instance));
    }
    return this.instances.get(key) as T;
  }


  async close(): Promise<void> {
    for (const c of this.closers.reverse()) await c();
  }
}
