export { FirmwareService, checklistMessageId, firmwareLabel, type FirmwareServiceDeps, type PostflightOptions, type PreflightOptions, type RunOptions } from './service';
export { addressOf, addressTarget, probeBmc, serverTargets, type SecretLookup, type ServerTargets } from './targets';
