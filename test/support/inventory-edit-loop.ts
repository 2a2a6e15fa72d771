// Child process for the concurrency test: adds clusters one change at a time
// through the real service, while sibling processes do the same.
import { InventoryService } from '../../src-main/services/inventory/service';
import { InventoryStore } from '../../src-main/services/inventory/store';

async function main(): Promise<void> {
  const [dir, prefix, count] = process.argv.slice(2);
  const svc = new InventoryService({ store: new InventoryStore(dir) });
  for (let i = 0; i < Number(count); i++) {
    await svc.putCluster({ cluster: { name: `${prefix}c${i}`, kind: 'physical', trapSettings: { monitors: [] } } });
  }
}
main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${String((e as Error).message)}\n`);
    process.exit(1);
  },
);
