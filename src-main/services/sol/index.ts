export { SolService, TRANSCRIPT_LIMIT, type SolServiceDeps, type SolOpenOptions } from './service';
export { RingTranscript } from './transcript';
export { solOf, existingSol } from './wire';
export type { SolEngine } from './port';
