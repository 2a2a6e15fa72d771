import type { MessageTable } from './types';

/**
 * Messages of the IPMI engine's Serial over LAN payload (engines/ipmi/sol):
 * activation refused, the console lost. Ids prefixed SOL_. The window's own
 * console messages are in solconsole.ts.
 */
export const solMessages = {
  SOL_IN_USE: {
    en: 'The Serial over LAN console of the BMC at {host}:{port} is already in use by another session.',
    ja: '{host}:{port} の BMC のシリアルオーバー LAN (SOL) コンソールは、別のセッションが使用中です。',
    remedy: {
      en: 'Someone else (another engineer, ipmitool, the BMC web console) has the server\'s console open. Ask them to close it, or take it over: a takeover ends the other user\'s console at once, without warning them.',
      ja: '別のユーザ (他の保守員、ipmitool、BMC の Web コンソール) がサーバのコンソールを開いています。閉じてもらうか、引き継いでください。引き継ぐと、相手のコンソールは予告なくすぐに終了します。',
    },
  },
  SOL_DISABLED: {
    en: 'Serial over LAN is disabled on the BMC at {host}:{port}.',
    ja: '{host}:{port} の BMC ではシリアルオーバー LAN (SOL) が無効になっています。',
    remedy: {
      en: 'Enable SOL in the BMC\'s settings (web console, or ipmitool sol set enabled true and sol payload enable), and give this BMC user the SOL payload right; then connect again.',
      ja: 'BMC の設定 (Web コンソール、または ipmitool sol set enabled true と sol payload enable) で SOL を有効にし、この BMC ユーザに SOL ペイロードの権限を与えてから、もう一度接続してください。',
    },
  },
  SOL_REFUSED: {
    en: 'The BMC at {host}:{port} refused to start Serial over LAN: {reason} (completion code {code}).',
    ja: '{host}:{port} の BMC がシリアルオーバー LAN (SOL) の開始を拒否しました: {reason} (完了コード {code})。',
    remedy: {
      en: 'Check the BMC\'s SOL settings (fieldkit sol info): its privilege level, and whether it requires encryption. Use cipher suite 3 or 17, which encrypt, and a user with that privilege.',
      ja: 'BMC の SOL 設定 (fieldkit sol info) の特権レベルと暗号化の要否を確認してください。暗号化するスイート 3 か 17 と、その特権レベルを持つユーザを使ってください。',
    },
  },
  SOL_LOST: {
    en: 'The Serial over LAN console of the BMC at {host}:{port} was lost: {reason}.',
    ja: '{host}:{port} の BMC のシリアルオーバー LAN (SOL) コンソールが切断されました: {reason}。',
    remedy: {
      en: 'Check the network path to the BMC, then connect again. If the console was taken over by someone else, agree with them before you take it back.',
      ja: 'BMC までのネットワーク経路を確認してから、もう一度接続してください。他のユーザにコンソールを引き継がれた場合は、取り戻す前にそのユーザと調整してください。',
    },
  },
  SOL_CLOSED: {
    en: 'The Serial over LAN console of the BMC at {host}:{port} is closed; nothing more was sent.',
    ja: '{host}:{port} の BMC のシリアルオーバー LAN (SOL) コンソールは閉じています。これ以上は送信していません。',
    remedy: {
      en: 'Connect to the console again, then type again.',
      ja: 'もう一度コンソールに接続してから、入力し直してください。',
    },
  },
  SOL_ACTIVATE_OUTCOME_UNKNOWN: {
    en: 'The answer to Activate Payload from the BMC at {host}:{port} was lost: the BMC may have opened the Serial over LAN console. It was not sent again; FieldKit closed the session it went on, which ends a console opened for it. Consoles active on the BMC now: {active}.',
    ja: '{host}:{port} の BMC からの Activate Payload への応答が失われました。BMC がシリアルオーバー LAN (SOL) コンソールを開いた可能性があります。再送はしていません。送信に使ったセッションは FieldKit が閉じたため、そのセッションに開かれたコンソールは終了しています。現在 BMC で有効なコンソール数: {active}。',
    remedy: {
      en: 'Connect again. If a console is still active, it may be someone else\'s: check who holds it before you end it (sol deactivate, or a takeover on the server page).',
      ja: 'もう一度接続してください。まだ有効なコンソールがある場合は他のユーザのものかもしれません。終了させる前に (sol deactivate、またはサーバページでの引き継ぎ) 誰が使用しているかを確認してください。',
    },
  },
  SOL_DEACTIVATE_OUTCOME_UNKNOWN: {
    en: 'The answer to Deactivate Payload from the BMC at {host}:{port} was lost: the BMC may have ended the Serial over LAN console. It was not sent again. Consoles active on the BMC now: {active}.',
    ja: '{host}:{port} の BMC からの Deactivate Payload への応答が失われました。BMC がシリアルオーバー LAN (SOL) コンソールを終了させた可能性があります。再送はしていません。現在 BMC で有効なコンソール数: {active}。',
    remedy: {
      en: 'With no console active, connect as usual. If one is still active, check who holds it before you end it again.',
      ja: '有効なコンソールがなければ、通常どおり接続してください。まだ有効な場合は、再度終了させる前に誰が使用しているかを確認してください。',
    },
  },
  SOL_DEACTIVATED_BY_BMC: {
    en: 'The BMC at {host}:{port} ended the Serial over LAN console.',
    ja: '{host}:{port} の BMC がシリアルオーバー LAN (SOL) コンソールを終了しました。',
    remedy: {
      en: 'The BMC may be resetting, or another user took the console over. Connect again when the BMC answers.',
      ja: 'BMC がリセット中か、他のユーザがコンソールを引き継いだ可能性があります。BMC が応答するようになったら、もう一度接続してください。',
    },
  },
} satisfies MessageTable;
