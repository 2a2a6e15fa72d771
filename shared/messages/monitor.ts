import type { MessageTable } from './types';

/** Messages of the monitor domain. Ids are prefixed with the domain. */
export const monitorMessages = {} satisfies MessageTable;
