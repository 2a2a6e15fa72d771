import type { MessageTable } from './types';

/** Messages of the ipmi domain. Ids are prefixed with the domain. */
export const ipmiMessages = {} satisfies MessageTable;
