export { TrapService, duplicateKey, type TrapServiceDeps, type ListenOptions, type SourceMatch } from './service';
export { trapsOf, sourceResolver, refreshSources } from './wire';
export { TrapLog, matchesFilter } from './trap-log';
