import type { MessageTable } from './types';

/** Messages of the traps domain. Ids are prefixed with the domain. */
export const trapsMessages = {} satisfies MessageTable;
