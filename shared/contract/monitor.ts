import { defineChannel, defineEvent } from './channel';

// Channels of the monitor domain: 'domain.action': defineChannel({ request: zod, response: {} as T }).
void defineChannel;
void defineEvent;
export const monitorChannels = {};
export const monitorEvents = {};
