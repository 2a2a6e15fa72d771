import type { MessageTable } from './types';

/**
 * Findings of the BMC trap destination check (`fieldkit lan alerts`): a
 * BMC's own LAN alert destinations compared with the cluster's BMCNOTICE
 * keyword and with this laptop's trap listener. Ids prefixed LANALERT_.
 */
export const lanMessages = {
  LANALERT_NOT_SUPPORTED: {
    en: "{server}'s BMC does not report its alert destinations: it answers \"parameter not supported\" for LAN configuration parameter {parameter} on channel {channel}.",
    ja: '{server} の BMC はアラート送信先を報告しません: チャネル {channel} の LAN 構成パラメータ {parameter} に「パラメータ未サポート」と応答しました。',
    remedy: {
      en: "FieldKit cannot see where this BMC sends its traps. Check the trap destinations in the BMC's web console: they should be the OS-side addresses of the BMCNOTICE keyword and, during maintenance, this laptop.",
      ja: 'この BMC のトラップ送信先は FieldKit からは確認できません。BMC の Web コンソールでトラップ送信先を確認してください。BMCNOTICE のキーワードにある OS 側のアドレスと、保守中はこの PC が送信先になっている必要があります。',
    },
  },
  LANALERT_ZERO_DESTINATIONS: {
    en: "{server}'s BMC does not report its alert destinations (zero destinations on channel {channel}): it has no LAN alerting there over IPMI.",
    ja: '{server} の BMC はアラート送信先を報告しません (チャネル {channel} の送信先数が 0): IPMI による LAN アラートがこのチャネルにありません。',
    remedy: {
      en: "Check the trap destinations in the BMC's web console: they should be the OS-side addresses of the BMCNOTICE keyword and, during maintenance, this laptop.",
      ja: 'BMC の Web コンソールでトラップ送信先を確認してください。BMCNOTICE のキーワードにある OS 側のアドレスと、保守中はこの PC が送信先になっている必要があります。',
    },
  },
  LANALERT_NONE_SET: {
    en: "{server}'s BMC has {count} alert destinations, none with an address: it sends no traps.",
    ja: '{server} の BMC にはアラート送信先が {count} 件ありますが、アドレスが設定されたものはありません: トラップを送信しません。',
    remedy: {
      en: "Set the trap destinations in the BMC's web console to the OS-side addresses of the BMCNOTICE keyword; without them the cluster hears no fencing notice from this BMC.",
      ja: 'BMC の Web コンソールでトラップ送信先に BMCNOTICE のキーワードにある OS 側のアドレスを設定してください。設定しないとクラスタはこの BMC からの I/O Fencing の通知を受け取れません。',
    },
  },
  LANALERT_NOT_TO_LAPTOP: {
    en: "{server}'s BMC sends traps to {addresses}; not to this laptop ({listener}), so fencing notices will not show here during maintenance.",
    ja: '{server} の BMC はトラップを {addresses} に送信します。この PC ({listener}) には送信しないため、保守中の I/O Fencing の通知はここに表示されません。',
    remedy: {
      en: "To see them here, add this laptop's address as a trap destination in the BMC's web console for the maintenance and remove it afterwards; or watch the notices on the cluster servers.",
      ja: 'ここで確認するには、保守の間だけ BMC の Web コンソールでこの PC のアドレスをトラップ送信先に追加し、保守後に削除してください。またはクラスタのサーバ側で通知を確認してください。',
    },
  },
  LANALERT_TO_LAPTOP: {
    en: "{server}'s BMC sends traps to {addresses}, this laptop ({address}) among them.",
    ja: '{server} の BMC はトラップを {addresses} に送信します。この PC ({address}) も含まれます。',
    remedy: {
      en: 'Nothing to do; remove this laptop from the destinations when the maintenance is over.',
      ja: '対処は不要です。保守が終わったらこの PC を送信先から削除してください。',
    },
  },
  LANALERT_LISTENER_PORT: {
    en: 'This laptop listens for traps on UDP port {port}; an IPMI alert destination has no port, so the BMC sends to port 162 unless its web console sets another.',
    ja: 'この PC は UDP ポート {port} でトラップを待ち受けています。IPMI のアラート送信先にはポートがないため、BMC の Web コンソールで別のポートを設定しない限り BMC はポート 162 に送信します。',
    remedy: {
      en: 'Listen on port 162, or set port {port} for this destination in the BMC\'s web console.',
      ja: 'ポート 162 で待ち受けるか、BMC の Web コンソールでこの送信先のポートを {port} に設定してください。',
    },
  },
  LANALERT_KEYWORD_MISSING: {
    en: "{server}'s BMC does not send traps to {addresses}, which the BMCNOTICE keyword of cluster {cluster} lists: the cluster software there will not hear this BMC's notices.",
    ja: '{server} の BMC は、クラスタ {cluster} の BMCNOTICE のキーワードにある {addresses} にトラップを送信しません: そのアドレスのクラスタソフトウェアはこの BMC の通知を受け取れません。',
    remedy: {
      en: "Add {addresses} to the trap destinations in the BMC's web console, or correct the keyword if the address is wrong.",
      ja: 'BMC の Web コンソールでトラップ送信先に {addresses} を追加するか、アドレスが誤っている場合はキーワードを修正してください。',
    },
  },
  LANALERT_NOT_IN_KEYWORD: {
    en: "{server}'s BMC also sends traps to {addresses}, which the BMCNOTICE keyword of cluster {cluster} does not list.",
    ja: '{server} の BMC は、クラスタ {cluster} の BMCNOTICE のキーワードにない {addresses} にもトラップを送信します。',
    remedy: {
      en: 'If that address is a server of the cluster, add it to the keyword; if it is a left-over destination, remove it in the BMC\'s web console.',
      ja: 'そのアドレスがクラスタのサーバのものであればキーワードに追加してください。不要な送信先であれば BMC の Web コンソールで削除してください。',
    },
  },
  LANALERT_KEYWORD_MATCH: {
    en: "{server}'s BMC sends traps to every address of the BMCNOTICE keyword of cluster {cluster}.",
    ja: '{server} の BMC は、クラスタ {cluster} の BMCNOTICE のキーワードにあるすべてのアドレスにトラップを送信します。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  LANALERT_NO_KEYWORD: {
    en: 'Cluster {cluster} has no BMCNOTICE keyword to compare the trap destinations of {server} with.',
    ja: 'クラスタ {cluster} には、{server} のトラップ送信先と比較する BMCNOTICE のキーワードがありません。',
    remedy: {
      en: 'Record the cluster\'s BMCNOTICE external monitor in the inventory (Trap settings) to have the destinations checked against it.',
      ja: '送信先を照合するには、インベントリ (トラップ設定) にクラスタの BMCNOTICE 外部監視を登録してください。',
    },
  },
  LANALERT_NO_CLUSTER: {
    en: '{server} is not an inventory server: its trap destinations are compared with this laptop only.',
    ja: '{server} はインベントリのサーバではありません: トラップ送信先はこの PC とだけ比較します。',
    remedy: {
      en: 'Give the cluster\'s keyword with --keyword "<IP>;<IP>" to compare with it too, or check an inventory server by its name.',
      ja: '--keyword "<IP>;<IP>" でクラスタのキーワードを指定すると、それとも比較します。またはインベントリのサーバ名で確認してください。',
    },
  },
} satisfies MessageTable;
