// Child process for the crash test: saves two different inventories in turn,
// forever, through the real store, until the parent kills it with SIGKILL.
import { InventoryStore } from '../../src-main/services/inventory/store';
import { sampleInventory } from './inventory';

async function main(): Promise<void> {
  const dir = process.argv[2];
  const store = new InventoryStore(dir);
  const a = sampleInventory();
  const b = sampleInventory();
  // Make B larger so a torn write could not pass for either version.
  b.clusters[0].servers[0].notes = 'B'.repeat(3000);
  b.clusters[0].servers[1].notes = 'version B';
  let n = 0;
  for (;;) {
    await store.save(n % 2 === 0 ? a : b);
    // Ready once a save has replaced a file: from then on inventory.json.prev
    // exists, and the parent checks it after every kill. (Ready after the
    // first save let a kill land before any .prev was made.)
    if (n === 1) process.stdout.write('ready\n');
    n++;
  }
}
void main();
