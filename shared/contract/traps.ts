import { defineChannel, defineEvent } from './channel';

// Channels of the traps domain: 'domain.action': defineChannel({ request: zod, response: {} as T }).
void defineChannel;
void defineEvent;
export const trapsChannels = {};
export const trapsEvents = {};
