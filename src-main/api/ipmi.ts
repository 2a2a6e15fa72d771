import { ipmiChannels } from '../../shared/contract/ipmi';
import { defineHandlers } from './types';

export const ipmiHandlers = defineHandlers(ipmiChannels, {});
