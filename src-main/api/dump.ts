import { dumpChannels } from '../../shared/contract/dump';
import { defineHandlers } from './types';

export const dumpHandlers = defineHandlers(dumpChannels, {});
