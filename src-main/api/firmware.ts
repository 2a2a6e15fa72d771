import { firmwareChannels } from '../../shared/contract/firmware';
import { defineHandlers } from './types';

export const firmwareHandlers = defineHandlers(firmwareChannels, {});
