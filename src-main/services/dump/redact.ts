/**
 * The redaction step every file of a dump goes through: secret-looking keys
 * lose their values, and any known secret (the passwords and keys this
 * process used) is cut out of the text wherever it appears.
 */

/**
 * Keys whose values never go into a dump: passwords, Kg (kg, kgHex), SNMPv3
 * keys (authKey, privKey, any "...key" but the flags and names below),
 * communities, tokens, cookies, Authorization headers, credentials.
 */
const SECRET_KEY = /pass(word|phrase)?|secret|token|^kg|bmckey|privatekey|apikey|authkey|privkey|^key$|key(hex|b64|base64|bytes)?$|communit|credential|cookie|authoriz|bearer|session.?id/i;
/** Key names that match the pattern above but name no secret (lists of names, ids, flags are booleans anyway). */
const NOT_SECRET_KEY = /^(kgStored|keySource|keychainError|sortKey|duplicateKey|keyName|primaryKey|idempotencyKey)$/i;

export const REDACTED = '[redacted]';

export function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      // Flags such as kgStored say whether a secret exists, not what it is: keep booleans.
      out[k] = SECRET_KEY.test(k) && !NOT_SECRET_KEY.test(k) && typeof v !== 'boolean' ? REDACTED : redactValue(v);
    }
    return out;
  }
  return value;
}

/** Secrets shorter than this are not scrubbed from text (they would shred ordinary words); none are that short in practice. */
const MIN_SCRUB = 3;

export class SecretScrubber {
  private readonly secrets = new Set<string>();

  /**
   * A secret and the forms it may take in a file: raw, JSON-escaped (in
   * scrub), hex (both cases) and base64 of its UTF-8 bytes, and for a hex
   * secret (a Kg) its bytes as text and their base64.
   */
  add(secret: string | null | undefined): void {
    if (!secret || secret.length < MIN_SCRUB) return;
    const forms = new Set<string>([secret]);
    const bytes = Buffer.from(secret, 'utf8');
    forms.add(bytes.toString('hex'));
    forms.add(bytes.toString('hex').toUpperCase());
    forms.add(bytes.toString('base64'));
    forms.add(bytes.toString('base64').replace(/=+$/, ''));
    forms.add(bytes.toString('base64url'));
    if (/^(0x)?([0-9a-f]{2})+$/i.test(secret)) {
      const raw = Buffer.from(secret.replace(/^0x/i, ''), 'hex');
      forms.add(raw.toString('base64'));
      forms.add(raw.toString('base64').replace(/=+$/, ''));
      if (raw.length >= MIN_SCRUB) forms.add(raw.toString('latin1'));
      forms.add(secret.replace(/^0x/i, '').toLowerCase());
      forms.add(secret.replace(/^0x/i, '').toUpperCase());
    }
    for (const f of forms) if (f.length >= MIN_SCRUB) this.secrets.add(f);
  }

  /** Text with every known secret (and its JSON-escaped form) replaced. */
  scrub(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is cut whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
      for (const form of new Set([s, JSON.stringify(s).slice(1, -1)])) out = out.split(form).join(REDACTED);
    }
    return out;
  }

  scrubBuffer(data: Buffer): Buffer {
    if (this.secrets.size === 0) return data;
    const text = data.toString('utf8');
    // Only text survives a round trip; binary content is checked byte-wise and kept if clean.
    if (Buffer.from(text, 'utf8').equals(data)) return Buffer.from(this.scrub(text), 'utf8');
    for (const s of this.secrets) if (data.includes(Buffer.from(s, 'utf8'))) return Buffer.from(this.scrub(data.toString('latin1')), 'latin1');
    return data;
  }
}
