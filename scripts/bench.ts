// `npm run bench`: runs every bench/*.ts (each exports `run()` returning
// BenchResult[]), measured against the reference tools in the same run, and
// prints ratios. Results also go to artifacts/bench.json.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  fieldkit: number;
  reference: number;
  unit: string;
  ratio: number;
  note?: string;
}

async function main() {
  const dir = path.resolve(__dirname, '..', 'bench');
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort();
  const all: Array<BenchResult & { suite: string }> = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { run?: () => Promise<BenchResult[]>; onlyWhenNamed?: boolean };
    if (typeof mod.run !== 'function') continue;
    // A long run (the soak) only when asked for by name: `npm run bench` alone stays minutes.
    if (mod.onlyWhenNamed && only.length === 0) {
      console.log(`\n== ${f}: skipped (runs only as npm run bench -- ${f.replace(/\.ts$/, '')})`);
      continue;
    }
    console.log(`\n== ${f}`);
    const results = await mod.run();
    for (const r of results) {
      all.push({ suite: f, ...r });
      console.log(`${r.name.padEnd(60)} fieldkit ${r.fieldkit.toFixed(2)} ${r.unit}  reference ${r.reference.toFixed(2)} ${r.unit}  ratio ${r.ratio.toFixed(3)}${r.note ? `  (${r.note})` : ''}`);
    }
  }
  fs.mkdirSync(path.resolve(__dirname, '..', 'artifacts'), { recursive: true });
  fs.writeFileSync(path.resolve(__dirname, '..', 'artifacts', 'bench.json'), JSON.stringify(all, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
