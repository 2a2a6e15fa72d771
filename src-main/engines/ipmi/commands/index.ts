/** IPMI command codecs: request encoders and response decoders, apart from transport. */
export * from './codec';
export * from './completion-codes';
export * from './device';
export * from './chassis';
export * from './sdr';
export * from './sensor';
export * from './sel';
export * from './fru';
export * from './raw';
export * from './transport';
export * from './payload';
