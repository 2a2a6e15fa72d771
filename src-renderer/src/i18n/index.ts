import { createI18n } from 'vue-i18n';
import { buildMessages, initialLanguage, type UiLang } from './messages';

export { buildMessages, initialLanguage, type UiLang } from './messages';

const STORAGE_KEY = 'fieldkit.lang';

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
