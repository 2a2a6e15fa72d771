import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The per-run token. It never travels in a cookie (cookies are not
 * port-specific: every other web server on 127.0.0.1 would receive it).
 * A browser reaches the UI under the secret path /s/<token>/ and opens the
 * WebSocket at /s/<token>/api from there; other clients may present it as
 * `Authorization: Bearer <token>` or `?token=` on /api.
 */
export const SECRET_PREFIX = '/s/';

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/** Base64url only: anything else in a path segment is not a token of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,128}$/;

/** Splits a request target into path and query without throwing (no URL parser, no percent-decoding). */
export function splitTarget(target: string | undefined): { path: string; query: string } | undefined {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//')) return undefined;
  const q = target.indexOf('?');
  const hash = target.indexOf('#');
  const end = hash >= 0 ? hash : target.length;
  if (q >= 0 && q < end) return { path: target.slice(0, q), query: target.slice(q + 1, end) };
  return { path: target.slice(0, end), query: '' };
}

/** `token` from a query string; undefined when absent, '' when malformed. */
export function queryToken(query: string): string | undefined {
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    if (k !== 'token') continue;
    const v = eq < 0 ? '' : part.slice(eq + 1);
    return TOKEN_SHAPE.test(v) ? v : '';
  }
  return undefined;
}

/** The token in a secret path (/s/<token>/...), and the rest of the path after it. */
export function secretPath(path: string): { token: string; rest: string } | undefined {
  if (!path.startsWith(SECRET_PREFIX)) return undefined;
  const after = path.slice(SECRET_PREFIX.length);
  const slash = after.indexOf('/');
  const token = slash < 0 ? after : after.slice(0, slash);
  return { token, rest: slash < 0 ? '' : after.slice(slash) };
}

/** A bearer token from the Authorization header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

/** Constant-time comparison so the token cannot be guessed byte by byte. */
export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
