import type { MessageTable } from './types';

/**
 * Messages of the Serial over LAN console in the window (services/sol).
 * The engine's own SOL errors (SOL_IN_USE, SOL_DISABLED, SOL_LOST) are in
 * sol.ts. Ids prefixed SOLCONSOLE_.
 */
export const solconsoleMessages = {
  SOLCONSOLE_ALREADY_OPEN: {
    en: 'A Serial over LAN console to {server} is already open in FieldKit (on another page, window or browser tab).',
    ja: '{server} のシリアルオーバー LAN (SOL) コンソールは FieldKit の別のページ、ウィンドウまたはブラウザのタブで既に開いています。',
    remedy: {
      en: 'Use that console, or press Disconnect there and then Connect here. FieldKit opens one console per server so that keystrokes cannot interleave.',
      ja: 'そちらのコンソールを使うか、そちらで「切断」を押してからここで「接続」を押してください。キー入力が混ざらないよう、FieldKit はサーバごとにコンソールを 1 つだけ開きます。',
    },
  },
  SOLCONSOLE_NOT_OPEN: {
    en: 'No Serial over LAN console to {server} is open, so nothing was sent.',
    ja: '{server} のシリアルオーバー LAN (SOL) コンソールが開いていないため、何も送信していません。',
    remedy: { en: 'Press Connect first, then type again.', ja: '先に「接続」を押してから、もう一度入力してください。' },
  },
  SOLCONSOLE_TRANSCRIPT_EMPTY: {
    en: 'Nothing has been received from the console of {server} yet: there is no transcript to save.',
    ja: '{server} のコンソールからはまだ何も受信していないため、保存する記録がありません。',
    remedy: { en: 'Connect to the console and save once the server has printed something.', ja: 'コンソールに接続し、サーバが何か出力してから保存してください。' },
  },
  SOLCONSOLE_NO_OPEN_CASE: {
    en: 'Server {server} has no open recovery case to save the console transcript into.',
    ja: 'サーバ {server} には、コンソールの記録を保存する進行中の復旧ケースがありません。',
    remedy: {
      en: 'Start or resume the recovery of {server} ("fieldkit recovery start {server}"), or collect a dump: it includes the transcript.',
      ja: '{server} の復旧を開始または再開する ("fieldkit recovery start {server}") か、ダンプを採取してください。ダンプには記録が含まれます。',
    },
    remedyWindow: {
      en: 'Start or resume the recovery of {server} on the Recovery page, or collect a dump on the Dump page: it includes the transcript.',
      ja: '復旧ページで {server} の復旧を開始または再開するか、ダンプページでダンプを採取してください。ダンプには記録が含まれます。',
    },
  },
  SOLCONSOLE_SAVE_FAILED: {
    en: 'The console transcript could not be written into recovery case {caseId}: {detail}',
    ja: 'コンソールの記録を復旧ケース {caseId} に書き込めませんでした: {detail}',
    remedy: { en: 'Check free space and permissions of the FieldKit state folder, then save again.', ja: 'FieldKit の状態フォルダの空き容量と権限を確認し、もう一度保存してください。' },
  },
} satisfies MessageTable;
