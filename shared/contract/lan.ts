import { z } from 'zod';
import { defineChannel } from './channel';
import type { LanAlertCheck } from '../model/lan-alerts';

/**
 * Channels of the BMC LAN side: `lan.alerts` reads an inventory server's BMC
 * alert (trap) destinations and compares them with its cluster's BMCNOTICE
 * keyword and with this laptop's trap listener. Only reads.
 */
const server = z.string().min(1).max(64);

export const lanChannels = {
  'lan.alerts': defineChannel({ request: z.object({ server }).strict(), response: {} as LanAlertCheck }),
};
