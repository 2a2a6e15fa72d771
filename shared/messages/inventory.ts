import type { MessageTable } from './types';

/** Messages of the inventory domain. Ids are prefixed with the domain. */
export const inventoryMessages = {} satisfies MessageTable;
