import { createI18n } from 'vue-i18n';
import core from './core';
import inventory from './inventory';
import recovery from './recovery';
import traps from './traps';

export type UiLang = 'en' | 'ja';

/** Domain texts live under their own key so parallel work never collides. */
export const domainMessages = { inventory, traps, recovery } as const;

export function buildMessages() {
  const en: Record<string, unknown> = { ...core.en };
  const ja: Record<string, unknown> = { ...core.ja };
  for (const [name, table] of Object.entries(domainMessages)) {
    en[name] = table.en;
    ja[name] = table.ja;
  }
  return { en, ja };
}

const STORAGE_KEY = 'fieldkit.lang';

/** The saved choice, else the browser's / OS's preferred language. */
export function initialLanguage(saved: string | null, preferred: readonly string[]): UiLang {
  if (saved === 'en' || saved === 'ja') return saved;
  return preferred.some((l) => l.toLowerCase().startsWith('ja')) ? 'ja' : 'en';
}

function savedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function saveLanguage(lang: UiLang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLanguage(savedLanguage(), navigator.languages ?? [navigator.language]),
  fallbackLocale: 'en',
  messages: buildMessages() as never,
});
