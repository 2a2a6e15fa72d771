import type { MessageTable } from './types';

/** Messages of the credentials domain. Ids are prefixed with the domain. */
export const credentialsMessages = {} satisfies MessageTable;
