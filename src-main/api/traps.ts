import { trapsChannels } from '../../shared/contract/traps';
import { defineHandlers } from './types';

export const trapsHandlers = defineHandlers(trapsChannels, {});
