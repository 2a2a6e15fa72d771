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
  SETTINGS_IPMI_SUITE_INVALID: {
    en: 'The cipher suite "{value}" cannot be the default for new servers: choose {allowed}. The settings were not changed.',
    ja: '暗号スイート "{value}" は新しいサーバの既定値にできません。{allowed} から選択してください。設定は変更していません。',
    remedy: {
      en: 'Choose 17 or 3. A server that needs a weak suite (0, 1 or 2) gets it in its own inventory entry, with the acceptance ticked.',
      ja: '17 または 3 を選択してください。弱い暗号スイート (0、1、2) が必要なサーバは、インベントリのそのサーバの設定で、承諾にチェックを付けて指定してください。',
    },
  },
  SETTINGS_IPMI_PRIVILEGE_INVALID: {
    en: 'The privilege "{value}" is not an IPMI session privilege: choose USER, OPERATOR or ADMINISTRATOR. The settings were not changed.',
    ja: '権限 "{value}" は IPMI セッションの権限ではありません。USER、OPERATOR、ADMINISTRATOR から選択してください。設定は変更していません。',
    remedy: { en: 'Choose one of the listed privileges and save again.', ja: '一覧の権限を選択し、もう一度保存してください。' },
  },
  SETTINGS_IPMI_TIMEOUT_INVALID: {
    en: 'The request time budget "{value}" is not valid: use a whole number of milliseconds from {min} to {max}. The settings were not changed.',
    ja: '要求のタイムアウト "{value}" は正しくありません。{min} から {max} までの整数 (ミリ秒) を指定してください。設定は変更していません。',
    remedy: { en: 'Enter the time in milliseconds, for example 5000, and save again.', ja: '時間をミリ秒で入力し (例: 5000)、もう一度保存してください。' },
  },
  SETTINGS_IPMI_RETRIES_INVALID: {
    en: 'The number of retransmissions "{value}" is not valid: use a whole number from {min} to {max}. The settings were not changed.',
    ja: '再送回数 "{value}" は正しくありません。{min} から {max} までの整数を指定してください。設定は変更していません。',
    remedy: { en: 'Enter a number, for example 3, and save again.', ja: '回数を入力し (例: 3)、もう一度保存してください。' },
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
