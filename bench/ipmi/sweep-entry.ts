/**
 * Bench helper, bundled to one file and run with plain node: a power-status
 * sweep over many BMCs on one engine (one socket, concurrent sessions),
 * the way the monitor and `fieldkit` would do it. Targets come as JSON on argv.
 */
import { IpmiEngine } from '../../src-main/engines/ipmi';
import { chassisStatus } from '../../src-main/engines/ipmi/ops';

async function main() {
  const targets = JSON.parse(process.argv[2]) as { host: string; port: number; username: string; password: string }[];
  const engine = new IpmiEngine();
  try {
    const results = await Promise.all(
      targets.map(async (t) => {
        const s = engine.session({ ...t, cipherSuite: 3 });
        try {
          return `${t.host}:${t.port}: ${(await chassisStatus(s)).powerOn ? 'on' : 'off'}`;
        } catch (e) {
          return `${t.host}:${t.port}: error ${(e as Error).message}`;
        }
      }),
    );
    process.stdout.write(results.join('\n') + '\n');
  } finally {
    await engine.close();
  }
}
main();
