// Child process for the keychain tests: exercises the real CredentialService
// (keytar + libsecret) in whatever D-Bus situation the parent set up, and
// prints one JSON line of outcomes. It never prints a secret, only whether
// what came back equals what went in.
import { CredentialService } from '../../src-main/services/credentials/service';

const ep = { host: '127.0.0.1', port: Number(process.env.PROBE_PORT ?? 16999) };
const user = 'admin';
const secret = process.env.PROBE_SECRET ?? '';

async function outcome<T>(fn: () => Promise<T>, show: (v: T) => unknown = (v) => v) {
  try {
    return { ok: true, value: show(await fn()) };
  } catch (e) {
    return { ok: false, errorId: (e as { id?: string }).id ?? 'UNCATALOGUED', message: String((e as Error).message) };
  }
}

async function main(): Promise<void> {
  const svc = new CredentialService({ timeoutMs: 8000 });
  const out: Record<string, unknown> = {};
  out.availability = await outcome(() => svc.availability());
  out.set = await outcome(() => svc.set(ep, user, secret));
  out.get = await outcome(() => svc.get(ep, user), (v) => ({ isNull: v === null, matches: v === secret }));
  out.status = await outcome(() => svc.status(ep, user));
  out.setFallback = await outcome(() => svc.set(ep, user, secret, { sessionFallback: true }));
  out.getAfterFallback = await outcome(() => svc.get(ep, user), (v) => ({ isNull: v === null, matches: v === secret }));
  out.statusAfterFallback = await outcome(() => svc.status(ep, user));
  out.delete = await outcome(() => svc.delete(ep, user));
  out.getAfterDelete = await outcome(() => svc.get(ep, user), (v) => ({ isNull: v === null }));
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
void main();
