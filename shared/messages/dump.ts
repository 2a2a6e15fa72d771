import type { MessageTable } from './types';

/** Messages of the dump domain. Ids are prefixed with the domain. */
export const dumpMessages = {} satisfies MessageTable;
