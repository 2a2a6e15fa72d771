import { credentialsChannels } from '../../shared/contract/credentials';
import { defineHandlers } from './types';

export const credentialsHandlers = defineHandlers(credentialsChannels, {});
