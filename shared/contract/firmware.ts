import { defineChannel, defineEvent } from './channel';

// Channels of the firmware domain: 'domain.action': defineChannel({ request: zod, response: {} as T }).
void defineChannel;
void defineEvent;
export const firmwareChannels = {};
export const firmwareEvents = {};
