import { defineChannel, defineEvent } from './channel';

// Channels of the dump domain: 'domain.action': defineChannel({ request: zod, response: {} as T }).
void defineChannel;
void defineEvent;
export const dumpChannels = {};
export const dumpEvents = {};
