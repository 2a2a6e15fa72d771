export { TrapService, duplicateKey, type TrapServiceDeps, type ListenOptions, type TrapBatch, type SourceMatch } from './service';
export { TrapLog, matchesFilter } from './trap-log';
