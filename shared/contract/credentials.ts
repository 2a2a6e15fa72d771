import { defineChannel, defineEvent } from './channel';

// Channels of the credentials domain: 'domain.action': defineChannel({ request: zod, response: {} as T }).
void defineChannel;
void defineEvent;
export const credentialsChannels = {};
export const credentialsEvents = {};
