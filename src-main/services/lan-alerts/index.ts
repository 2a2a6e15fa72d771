export { checkLanAlerts, inventoryFacts, type LanAlertFacts } from './check';
export { compareLanAlerts, listenerText, trapDestinations, type CompareInput } from './compare';
export { keywordFor, keywordFromText, listenerFacts, machineAddresses } from './facts';
export { lanAlertsText } from './text';
