import type { MessageTable } from './types';

/** Messages of the firmware domain. Ids are prefixed with the domain. */
export const firmwareMessages = {} satisfies MessageTable;
