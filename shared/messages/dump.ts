import type { MessageTable } from './types';

/** Messages of the dump domain. Ids are prefixed with the domain. */
export const dumpMessages = {
  DUMP_OUTPUT_UNWRITABLE: {
    en: 'The dump cannot be written to {dir}: {detail}',
    ja: 'ダンプを {dir} に書き込めません: {detail}',
    remedy: { en: 'Choose a folder you can write to with enough free space (--output DIR).', ja: '書き込み可能で空き容量のあるフォルダを指定してください (--output DIR)。' },
    remedyWindow: {
      en: 'Choose another folder with enough free space when the Dump page asks where to save.',
      ja: 'ダンプページで保存先を尋ねられたら、書き込み可能で空き容量のある別のフォルダを選んでください。',
    },
  },
  DUMP_ARCHIVE_FAILED: {
    en: 'The dump archive could not be created: {detail}',
    ja: 'ダンプアーカイブを作成できませんでした: {detail}',
    remedy: { en: 'Check free disk space in the output folder and try again.', ja: '出力先フォルダの空き容量を確認して再実行してください。' },
  },
  DUMP_NO_BMC_ANSWERED: {
    en: 'No BMC address of {server} answered a session ({detail}).',
    ja: '{server} のどの BMC アドレスともセッションを確立できませんでした ({detail})。',
    remedy: {
      en: 'The dump holds the per-address errors; check the BMC LAN link and credentials.',
      ja: 'アドレスごとのエラーはダンプに記録されています。BMC の LAN リンクと認証情報を確認してください。',
    },
  },
} satisfies MessageTable;
