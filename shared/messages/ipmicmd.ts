import type { MessageTable } from './types';

/** Messages of the IPMI commands layer (SDR, sensors, SEL, FRU, chassis). Ids prefixed IPMICMD_. */
export const ipmicmdMessages = {} satisfies MessageTable;
