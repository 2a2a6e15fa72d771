export { InventoryStore } from './store';
export { InventoryService, InventoryRejected, resolveCluster, type ImportPlan, type ImportFormat, type CredentialHooks } from './service';
export { diffInventories, formatChange, type InventoryChange } from './diff';
export { inventoryToCsv, serversFromCsv, formatSlots } from './csv';
export { migrate } from './migrations';
