import path from 'node:path';
import { isoNow, systemClock, type Clock } from '../../../shared/clock';
import type { OperationRecord } from '../../../shared/model/operation';
import { JsonLinesLog, type RotationPolicy } from './rotating-file';

export { JsonLinesLog, RotatingFile, type RotationPolicy } from './rotating-file';

export type EventLevel = 'debug' | 'info' | 'warn' | 'error';

export interface EventRecord {
  when: string;
  level: EventLevel;
  message: string;
  data?: Record<string, unknown>;
}

export interface LogPolicies {
  events: RotationPolicy;
  operations: RotationPolicy;
  traps: RotationPolicy;
}

export const defaultLogPolicies: LogPolicies = {
  events: { maxBytes: 2 * 1024 * 1024, generations: 5 },
  operations: { maxBytes: 4 * 1024 * 1024, generations: 10 },
  traps: { maxBytes: 8 * 1024 * 1024, generations: 10 },
};

/** Keys whose values are never written to a log, whatever a caller passes. */
const SECRET_KEYS = /pass(word)?|secret|token|kg|key$/i;

export function redact(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (SECRET_KEYS.test(k)) out[k] = '[redacted]';
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = redact(v as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

export class EventLog {
  constructor(
    private readonly log: JsonLinesLog<EventRecord>,
    private readonly clock: Clock,
  ) {}

  write(level: EventLevel, message: string, data?: Record<string, unknown>): void {
    this.log.append({ when: isoNow(this.clock), level, message, data: redact(data) });
  }

  readRecent(limit: number): EventRecord[] {
    return this.log.readRecent(limit);
  }

  get files(): string[] {
    return this.log.file.files();
  }
}

/** The audit log: append-only record of everything that changed a server or the configuration. */
export class OperationLog {
  private readonly listeners = new Set<(r: OperationRecord) => void>();

  constructor(
    private readonly log: JsonLinesLog<OperationRecord>,
    private readonly clock: Clock,
  ) {}

  append(record: Omit<OperationRecord, 'when'> & { when?: string }): OperationRecord {
    const full: OperationRecord = { ...record, when: record.when ?? isoNow(this.clock), details: redact(record.details) };
    this.log.append(full);
    for (const l of this.listeners) l(full);
    return full;
  }

  readRecent(limit: number): OperationRecord[] {
    return this.log.readRecent(limit);
  }

  onAppend(listener: (r: OperationRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get files(): string[] {
    return this.log.file.files();
  }
}

export interface Logs {
  events: EventLog;
  operations: OperationLog;
  /** Where the trap service keeps its rotated JSON-lines trap log. */
  trapLogFile: string;
  trapLogPolicy: RotationPolicy;
  dir: string;
}

export function createLogs(home: string, clock: Clock = systemClock, policies: LogPolicies = defaultLogPolicies): Logs {
  const dir = path.join(home, 'logs');
  return {
    dir,
    events: new EventLog(new JsonLinesLog(path.join(dir, 'events.jsonl'), policies.events), clock),
    operations: new OperationLog(new JsonLinesLog(path.join(dir, 'operations.jsonl'), policies.operations), clock),
    trapLogFile: path.join(dir, 'traps.jsonl'),
    trapLogPolicy: policies.traps,
  };
}
