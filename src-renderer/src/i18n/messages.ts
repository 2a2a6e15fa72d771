import core from './core';
import dump from './dump';
import firmware from './firmware';
import guide from './guide';
import inventory from './inventory';
import keyboard from './keyboard';
import monitor from './monitor';
import recovery from './recovery';
import server from './server';
import settings from './settings';
import sol from './sol';
import traps from './traps';

export type UiLang = 'en' | 'ja';

/** Domain texts live under their own key so parallel work never collides. */
export const domainMessages = { inventory, traps, recovery, monitor, firmware, dump, guide, server, settings, keyboard, sol } as const;

export function buildMessages() {
  const en: Record<string, unknown> = { ...core.en };
  const ja: Record<string, unknown> = { ...core.ja };
  for (const [name, table] of Object.entries(domainMessages)) {
    en[name] = table.en;
    ja[name] = table.ja;
  }
  return { en, ja };
}

/** The saved choice, else the browser's / OS's preferred language. */
export function initialLanguage(saved: string | null, preferred: readonly string[]): UiLang {
  if (saved === 'en' || saved === 'ja') return saved;
  return preferred.some((l) => l.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}
