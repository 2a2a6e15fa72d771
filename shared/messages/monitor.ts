import type { MessageTable } from './types';

/** Messages of the live BMC status monitor. Ids prefixed MONITOR_. */
export const monitorMessages = {
  MONITOR_NO_PASSWORD: {
    en: 'No password is stored for {account} on the BMCs of {server}, so its power state cannot be read.',
    ja: '{server} の BMC のアカウント {account} のパスワードが保存されていないため、電源状態を取得できません。',
    remedy: {
      en: 'Store the password in the Inventory view or with "fieldkit pserver mod {server} account={account}".',
      ja: '構成画面、または "fieldkit pserver mod {server} account={account}" でパスワードを保存してください。',
    },
  },
  MONITOR_CLUSTER_UNKNOWN: {
    en: 'There is no cluster named "{cluster}" in the inventory.',
    ja: '構成に "{cluster}" という名前のクラスタはありません。',
    remedy: { en: 'Check the name with "fieldkit show setting".', ja: '"fieldkit show setting" で名前を確認してください。' },
  },
} satisfies MessageTable;
