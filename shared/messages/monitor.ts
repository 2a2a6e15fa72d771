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
    remedyWindow: {
      en: 'Store the password of {account} for {server} on the Inventory page (edit the server, Password).',
      ja: '構成ページで {server} を編集し、{account} のパスワードを保存してください。',
    },
  },
  MONITOR_CLUSTER_UNKNOWN: {
    en: 'There is no cluster named "{cluster}" in the inventory.',
    ja: '構成に "{cluster}" という名前のクラスタはありません。',
    remedy: { en: 'Check the name with "fieldkit show setting".', ja: '"fieldkit show setting" で名前を確認してください。' },
  },
  MONITOR_CONNECTOR_TEXT_INVALID: {
    en: '{file} is not haconnsetup show output FieldKit can read ({count} line(s) not understood, first at line {line}: {why}); nothing was compared.',
    ja: '{file} は FieldKit が読める haconnsetup show の出力ではありません (解釈できない行 {count} 行、最初は {line} 行目: {why})。比較は行っていません。',
    remedy: {
      en: 'Paste the output of haconnsetup show setting, show status or show exactly as printed, one table row per line.',
      ja: 'haconnsetup show setting、show status または show の出力を、表示されたとおり 1 行ずつ貼り付けてください。',
    },
  },
  MONITOR_EXPLAIN_UNKNOWN: {
    en: '"{input}" is not in FieldKit\'s catalogue of HA Monitor Connector messages and CLUSTERPRO notices.',
    ja: '"{input}" は FieldKit の HA Monitor Connector メッセージ・CLUSTERPRO 通知のカタログにありません。',
    remedy: {
      en: 'Give a message id (HCME1010 ... HCME1020, C00001FD, C0000203, C0000454) or paste the whole syslog line; "fieldkit explain --list" lists every entry, "fieldkit explain --search <words>" searches them.',
      ja: 'メッセージ ID (HCME1010 ～ HCME1020、C00001FD、C0000203、C0000454) を指定するか syslog の行全体を貼り付けてください。"fieldkit explain --list" で一覧、"fieldkit explain --search <語>" で検索できます。',
    },
  },
} satisfies MessageTable;
