import { call } from '../api/client';
import { i18n, saveLanguage, type UiLang } from '../i18n';

/** Set once the engineer picks a language in this window: a stored choice read later must not undo it. */
let pickedHere = false;

// Composition mode: the global locale is a ref.
const locale = () => i18n.global.locale as unknown as { value: string };

function apply(lang: UiLang): void {
  locale().value = lang;
  // localStorage makes the next load start in this language before the main process answers.
  saveLanguage(lang);
  document.documentElement.lang = lang;
}

/**
 * The engineer's choice: the window switches at once, and the main process
 * keeps it in settings.json (the headless host's origin, and so its
 * localStorage, changes with its port; the state folder does not). Resolves
 * with the saved settings; rejects with the catalogued refusal.
 */
export async function chooseLanguage(lang: UiLang) {
  pickedHere = true;
  apply(lang);
  return call('settings.save', { language: lang });
}

/** At start: the language kept in settings.json, unless the engineer has already picked one in this window. */
export async function adoptStoredLanguage(): Promise<void> {
  const view = await call('settings.get', {}).catch(() => undefined);
  const stored = view?.settings.language;
  if (stored && !pickedHere && stored !== locale().value) apply(stored);
}
