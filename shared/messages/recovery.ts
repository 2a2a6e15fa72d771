import type { MessageTable } from './types';

/** Messages of the recovery domain. Ids are prefixed with the domain. */
export const recoveryMessages = {} satisfies MessageTable;
