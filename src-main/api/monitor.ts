import { monitorChannels } from '../../shared/contract/monitor';
import { defineHandlers } from './types';

export const monitorHandlers = defineHandlers(monitorChannels, {});
