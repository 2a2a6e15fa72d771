import { defineChannel, defineEvent } from './channel';

// Channels of the ipmi domain: 'domain.action': defineChannel({ request: zod, response: {} as T }).
void defineChannel;
void defineEvent;
export const ipmiChannels = {};
export const ipmiEvents = {};
