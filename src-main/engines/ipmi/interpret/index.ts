/** Interpretation of IPMI data: SDR records, readings, SEL records, FRU areas. */
export * from './id-string';
export * from './conversion';
export * from './units';
export * from './sdr-record';
export * from './sensor-reading';
export * from './sel-record';
export * from './fru';
