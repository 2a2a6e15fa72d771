import { z } from 'zod';
import { defineChannel, defineEvent } from './channel';
import type { ErrorPayload } from '../errors';

const endpoint = {
  host: z.string().min(1).max(64),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).max(16),
  kind: z.enum(['password', 'kg']).default('password'),
};

/** Whether a secret is stored, and where; the secret itself never reaches the renderer. */
export interface CredentialStatusView {
  account: string;
  stored: boolean;
  source?: 'keychain' | 'session';
  keychainError?: ErrorPayload;
}

export const credentialsChannels = {
  'credentials.availability': defineChannel({
    request: z.object({}).strict(),
    response: {} as { available: boolean; error?: ErrorPayload },
  }),
  'credentials.status': defineChannel({ request: z.object(endpoint).strict(), response: {} as CredentialStatusView }),
  /** The renderer may send a password in; nothing ever sends one back out. */
  'credentials.set': defineChannel({
    request: z.object({ ...endpoint, secret: z.string().min(1).max(64), sessionFallback: z.boolean().default(true) }).strict(),
    response: {} as { source: 'keychain' | 'session'; keychainError?: ErrorPayload },
  }),
  'credentials.delete': defineChannel({ request: z.object(endpoint).strict(), response: {} as { deleted: boolean } }),
};

export const credentialsEvents = {};
void defineEvent;
