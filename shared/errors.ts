import { catalogue, renderMessage, type Lang, type MessageId, type MessageParams } from './messages';

/** The wire form of an error: what crosses IPC, the WebSocket and `--json`. */
export interface ErrorPayload {
  id: MessageId;
  params: MessageParams;
  /** English text, for logs and for clients that cannot render the catalogue. */
  message: string;
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
