import net from 'node:net';

/** True for 127.0.0.0/8, ::1, IPv4-mapped loopback and the name "localhost". */
export function isLoopbackAddress(address: string): boolean {
  const a = address.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (a === 'localhost') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice(7) : a;
  if (net.isIPv4(v4)) return v4.split('.')[0] === '127';
  if (net.isIPv6(a)) return a === '::1' || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(a);
  return false;
}
