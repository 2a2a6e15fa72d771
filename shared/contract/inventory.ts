import { defineChannel, defineEvent } from './channel';

// Channels of the inventory domain: 'domain.action': defineChannel({ request: zod, response: {} as T }).
void defineChannel;
void defineEvent;
export const inventoryChannels = {};
export const inventoryEvents = {};
