import { defineChannel, defineEvent } from './channel';

// Channels of the recovery domain: 'domain.action': defineChannel({ request: zod, response: {} as T }).
void defineChannel;
void defineEvent;
export const recoveryChannels = {};
export const recoveryEvents = {};
