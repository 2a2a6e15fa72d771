import { confirmMessages } from './confirm';
import { coreMessages } from './core';
import { credentialsMessages } from './credentials';
import { dumpMessages } from './dump';
import { firmwareMessages } from './firmware';
import { inventoryMessages } from './inventory';
import { ipmiMessages } from './ipmi';
import { ipmicmdMessages } from './ipmicmd';
import { lanMessages } from './lan';
import { monitorMessages } from './monitor';
import { recoveryMessages } from './recovery';
import { settingsMessages } from './settings';
import { solMessages } from './sol';
import { solconsoleMessages } from './solconsole';
import { trapsMessages } from './traps';
import type { MessageDef } from './types';

export type { MessageDef, MessageTable } from './types';

/**
 * The one message catalogue. Every error a user can see has an id here with
 * English, Japanese and a remedy in both. Each domain keeps its own table so
 * that parallel work does not collide; ids must be unique across tables
 * (checked by test/unit/shared/catalogue.test.ts).
 */
export const messageTables = {
  core: coreMessages,
  ipmi: ipmiMessages,
  ipmicmd: ipmicmdMessages,
  lan: lanMessages,
  traps: trapsMessages,
  inventory: inventoryMessages,
  credentials: credentialsMessages,
  recovery: recoveryMessages,
  firmware: firmwareMessages,
  dump: dumpMessages,
  monitor: monitorMessages,
  confirm: confirmMessages,
  settings: settingsMessages,
  sol: solMessages,
  solconsole: solconsoleMessages,
} as const;

export const catalogue = {
  ...coreMessages,
  ...ipmiMessages,
  ...ipmicmdMessages,
  ...lanMessages,
  ...trapsMessages,
  ...inventoryMessages,
  ...credentialsMessages,
  ...recoveryMessages,
  ...firmwareMessages,
  ...dumpMessages,
  ...monitorMessages,
  ...confirmMessages,
  ...settingsMessages,
  ...solMessages,
  ...solconsoleMessages,
} as const satisfies Record<string, MessageDef>;

export type MessageId = keyof typeof catalogue;
export type Lang = 'en' | 'ja';

export type MessageParams = Record<string, string | number | boolean | undefined>;

/** Fills `{name}` placeholders; unknown names are left visible so gaps show. */
export function fillTemplate(text: string, params: MessageParams = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

export function isMessageId(id: string): id is MessageId {
  return Object.prototype.hasOwnProperty.call(catalogue, id);
}

export interface RenderedMessage {
  id: string;
  text: string;
  remedy: string;
}

/** Where a message is shown: the window names its buttons and pages, the command line its commands. */
export type MessageSurface = 'cli' | 'window';

export function renderMessage(id: string, params: MessageParams = {}, lang: Lang = 'en', surface: MessageSurface = 'cli'): RenderedMessage {
  const def: MessageDef = isMessageId(id) ? catalogue[id] : catalogue.INTERNAL;
  const usedParams = isMessageId(id) ? params : { detail: id };
  const remedy = surface === 'window' && def.remedyWindow ? def.remedyWindow : def.remedy;
  return {
    id: isMessageId(id) ? id : 'INTERNAL',
    text: fillTemplate(def[lang], usedParams),
    remedy: fillTemplate(remedy[lang], usedParams),
  };
}
