import fs from 'node:fs';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.map': 'application/json',
};

/**
 * Resolves a URL path to a regular file inside `root`, or undefined. Paths
 * that escape the root (.., encoded slashes, NUL), symbolic links (anywhere
 * on the way, so nothing links out of the folder), directories, devices and
 * FIFOs resolve to nothing. Never throws.
 */
export function resolveStaticFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return undefined;
  }
  const full = path.resolve(realRoot, rel);
  if (!full.startsWith(realRoot + path.sep)) return undefined;
  try {
    // Each component below the root must be a real directory or, last, a regular file: no links.
    let cur = realRoot;
    for (const part of path.relative(realRoot, full).split(path.sep)) {
      cur = path.join(cur, part);
      const st = fs.lstatSync(cur);
      if (st.isSymbolicLink()) return undefined;
      if (cur === full) return st.isFile() ? full : undefined;
      if (!st.isDirectory()) return undefined;
    }
  } catch {
    // fall through: not found
  }
  return undefined;
}

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
