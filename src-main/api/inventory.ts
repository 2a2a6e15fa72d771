import { inventoryChannels } from '../../shared/contract/inventory';
import { defineHandlers } from './types';

export const inventoryHandlers = defineHandlers(inventoryChannels, {});
