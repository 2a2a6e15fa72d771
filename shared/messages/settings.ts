import type { MessageTable } from './types';

/** Messages of FieldKit's own settings (settings.json). Ids prefixed SETTINGS_. */
export const settingsMessages = {
  SETTINGS_LANGUAGE_INVALID: {
    en: 'The language "{value}" is not one FieldKit speaks; the settings were not changed.',
    ja: '言語 "{value}" には対応していません。設定は変更していません。',
    remedy: { en: 'Choose English (en) or Japanese (ja).', ja: '英語 (en) または日本語 (ja) を選択してください。' },
  },
  SETTINGS_MONITOR_INTERVAL_INVALID: {
    en: 'The monitor interval "{value}" is not valid: use a whole number of seconds from {min} to {max}. The settings were not changed.',
    ja: '監視間隔 "{value}" は正しくありません。{min} から {max} までの整数 (秒) を指定してください。設定は変更していません。',
    remedy: {
      en: 'Enter the interval in seconds, for example 30, and save again.',
      ja: '間隔を秒で入力し (例: 30)、もう一度保存してください。',
    },
  },
  SETTINGS_FILE_INVALID: {
    en: 'The settings file {file} cannot be read ({detail}); FieldKit uses its defaults.',
    ja: '設定ファイル {file} を読み込めません ({detail})。FieldKit は既定値を使用します。',
    remedy: {
      en: 'Save the settings again: the unreadable file is kept beside it as settings.json.prev.',
      ja: '設定をもう一度保存してください。読み込めないファイルは settings.json.prev として残ります。',
    },
  },
} satisfies MessageTable;
