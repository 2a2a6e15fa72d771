import { catalogue, renderMessage, type Lang, type MessageId, type MessageParams } from './messages';
import type { ValidationIssue } from './validation/types';

/** The wire form of an error: what crosses IPC, the WebSocket and `--json`. */
export interface ErrorPayload {
  id: MessageId;
  params: MessageParams;
  /** English text, for logs and for clients that cannot render the catalogue. */
  message: string;
  /** The findings behind a rejected inventory change or import (INVENTORY_*_REJECTED), for a front end to list. */
  issues?: ValidationIssue[];
}

/**
 * The only error type that may reach a user. It carries a catalogue id and
 * the values for its placeholders, never a secret: callers must not pass
 * passwords, keys or tokens as params.
 */
export class FieldKitError extends Error {
  readonly id: MessageId;
  readonly params: MessageParams;

  constructor(id: MessageId, params: MessageParams = {}, options?: { cause?: unknown }) {
    super(renderMessage(id, params, 'en').text, options);
    this.name = 'FieldKitError';
    this.id = id;
    this.params = params;
  }

  render(lang: Lang = 'en') {
    return renderMessage(this.id, this.params, lang);
  }

  toPayload(): ErrorPayload {
    return { id: this.id, params: this.params, message: this.message };
  }
}

export function isFieldKitError(e: unknown): e is FieldKitError {
  return e instanceof FieldKitError;
}

/** Turns anything thrown into a catalogued payload without leaking internals verbatim. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (e instanceof FieldKitError) return e.toPayload();
  if (e && typeof e === 'object' && 'id' in e && typeof (e as { id: unknown }).id === 'string' && (e as { id: string }).id in catalogue) {
    const p = e as { id: MessageId; params?: MessageParams };
    return new FieldKitError(p.id, p.params ?? {}).toPayload();
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new FieldKitError('INTERNAL', { detail }).toPayload();
}

export function errorFromPayload(p: ErrorPayload): FieldKitError {
  return new FieldKitError(p.id, p.params);
}

/**
 * The id that means "cancelled by the user while it ran": CANCELLED is the
 * one id every layer raises. Never compare ids for this: use isCancellation().
 */
const CANCELLATION_IDS: ReadonlySet<string> = new Set(['CANCELLED']);

export function isCancellationId(id: string | undefined): boolean {
  return id !== undefined && CANCELLATION_IDS.has(id);
}

/**
 * True for anything that says the user cancelled: a catalogued error or
 * payload of the cancellation kind, an error marked `cancelled` (Ctrl-C at a
 * prompt), or an AbortError (a signal's default reason).
 */
export function isCancellation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as { id?: unknown; cancelled?: unknown; name?: unknown };
  if (typeof o.id === 'string' && isCancellationId(o.id)) return true;
  return o.cancelled === true || o.name === 'AbortError';
}

/** The one cancellation error. */
export function cancelledError(): FieldKitError {
  return new FieldKitError('CANCELLED');
}

/** Throws CANCELLED when the signal has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/**
 * What to throw after an operation failed: CANCELLED when the failure was a
 * cancellation or the caller's signal was aborted (an abort may surface as a
 * timeout or a lost session underneath), else the error itself.
 */
export function asCancellation(e: unknown, signal?: AbortSignal): unknown {
  return isCancellation(e) || signal?.aborted ? cancelledError() : e;
}
