import { recoveryChannels } from '../../shared/contract/recovery';
import { defineHandlers } from './types';

export const recoveryHandlers = defineHandlers(recoveryChannels, {});
