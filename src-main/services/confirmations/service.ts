import crypto from 'node:crypto';
import { CONFIRMATION_TTL_MS, type ConfirmAction } from '../../../shared/contract/confirm';
import { FieldKitError } from '../../../shared/errors';

/**
 * What a confirmation is for: one server and, where the action needs it, the
 * exact command, sensor or recovery case (a canonical string, see detail.ts).
 */
export interface ConfirmationTarget {
  server: string;
  detail?: string;
}

export interface PrepareRequest extends ConfirmationTarget {
  action: ConfirmAction;
  /** Who asked and through which front end (kept with the confirmation, for the operation log). */
  who: string;
  via: 'ui' | 'host' | 'cli';
}

export interface Confirmation extends PrepareRequest {
  id: string;
  issuedAt: number;
  expiresAt: number;
}

export interface ConfirmationServiceOptions {
  /** Milliseconds since the epoch; injected so tests can move time. */
  now?: () => number;
  /** Lifetime of an id; never more than CONFIRMATION_TTL_MS. */
  ttlMs?: number;
  /** Most ids outstanding at once; the oldest give way to new ones. */
  maxOutstanding?: number;
}

export const DEFAULT_MAX_OUTSTANDING = 32;

/** How a target appears in messages: `"node1"`, `"node1" (raw 0x06 0x01)`. */
export function describeTarget(t: ConfirmationTarget): string {
  return `"${t.server}"${t.detail ? ` (${t.detail})` : ''}`;
}

/**
 * Issues and checks one-time confirmations of changes. `prepare` is called
 * after the user confirmed a change in a front end; the main process hands
 * the id to that front end, which sends it with the change. `consume`
 * accepts an id once, for exactly the action and target it was issued for,
 * before it expires; any presentation uses the id up, so a refused id cannot
 * be tried again elsewhere. At most `maxOutstanding` ids are kept.
 */
export class ConfirmationService {
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly max: number;
  /** Insertion order is issue order: the first entry is the oldest. */
  private readonly pending = new Map<string, Confirmation>();

  constructor(options: ConfirmationServiceOptions = {}) {
    this.now = options.now ?? Date.now;
    this.ttlMs = Math.min(options.ttlMs ?? CONFIRMATION_TTL_MS, CONFIRMATION_TTL_MS);
    this.max = Math.max(1, options.maxOutstanding ?? DEFAULT_MAX_OUTSTANDING);
  }

  get outstanding(): number {
    return this.pending.size;
  }

  prepare(req: PrepareRequest): Confirmation {
    const now = this.now();
    if (this.pending.size >= this.max) {
      for (const [id, c] of this.pending) if (now >= c.expiresAt) this.pending.delete(id);
    }
    while (this.pending.size >= this.max) this.pending.delete(this.pending.keys().next().value as string);
    const c: Confirmation = {
      id: crypto.randomBytes(18).toString('base64url'),
      action: req.action,
      server: req.server,
      ...(req.detail !== undefined ? { detail: req.detail } : {}),
      who: req.who,
      via: req.via,
      issuedAt: now,
      expiresAt: now + this.ttlMs,
    };
    this.pending.set(c.id, c);
    return c;
  }

  /** Accepts `id` for this action on this target, once; throws a catalogued CONFIRM_* error otherwise. */
  consume(id: string | undefined, action: ConfirmAction, target: ConfirmationTarget): Confirmation {
    const params = { action, target: describeTarget(target) };
    if (!id) throw new FieldKitError('CONFIRM_MISSING', params);
    const c = this.pending.get(id);
    if (!c) throw new FieldKitError('CONFIRM_UNKNOWN', params);
    this.pending.delete(id);
    if (this.now() >= c.expiresAt) throw new FieldKitError('CONFIRM_EXPIRED', { ...params, seconds: Math.round(this.ttlMs / 1000) });
    if (c.action !== action) throw new FieldKitError('CONFIRM_WRONG_ACTION', { ...params, confirmedAction: c.action });
    if (c.server !== target.server || (c.detail ?? '') !== (target.detail ?? '')) {
      throw new FieldKitError('CONFIRM_WRONG_TARGET', { ...params, confirmedTarget: describeTarget(c) });
    }
    return c;
  }
}
