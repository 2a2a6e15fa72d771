/**
 * Host names to addresses. node:dns is loaded only when a name (not an IP
 * literal) is actually given: BMCs are almost always configured by address,
 * and every CLI start pays for the modules it loads.
 */
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void;

const dns = () => require('node:dns') as typeof import('node:dns');

export async function lookupHost(name: string): Promise<string> {
  return (await dns().promises.lookup(name)).address;
}

/** Callback form, for a dgram socket's lookup option. */
export function lookupHostCallback(name: string, family: number, callback: LookupCallback): void {
  dns().lookup(name, family, callback);
}
