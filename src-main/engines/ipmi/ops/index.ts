/** High-level IPMI operations over an IpmiRequester (one session to one BMC). */
export * from './common';
export * from './device';
export * from './chassis';
export * from './sdr';
export * from './sensors';
export * from './sel';
export * from './fru';
export * from './raw';
export * from './lan-alerts';
