import type { MessageTable } from './types';

/**
 * Messages of the server-side confirmations (prepare -> confirm). `{action}`
 * is a confirmation action ("power.off", "sel.clear", ...); `{target}` names
 * the server and, where it matters, the command, sensor or recovery case.
 */
export const confirmMessages = {
  CONFIRM_MISSING: {
    en: '"{action}" on {target} needs a confirmation issued by FieldKit, and the request carried none; nothing was sent to the server.',
    ja: '{target} に対する "{action}" には FieldKit が発行した確認が必要ですが、要求に含まれていませんでした。サーバには何も送信していません。',
    remedy: {
      en: 'Confirm the change in FieldKit. A program calling the API must first ask "confirm.prepare" for exactly this action and server, and send the confirmationId it returns.',
      ja: 'FieldKit で変更を確認してください。API を呼び出すプログラムは、まずこの操作とサーバについて "confirm.prepare" を要求し、返された confirmationId を送信する必要があります。',
    },
  },
  CONFIRM_UNKNOWN: {
    en: 'The confirmation for "{action}" on {target} is not valid: FieldKit did not issue it, or it has already been used; nothing was sent to the server.',
    ja: '{target} に対する "{action}" の確認は無効です (FieldKit が発行したものではないか、すでに使用済みです)。サーバには何も送信していません。',
    remedy: {
      en: 'Confirm the change again. Each confirmation can be used once, and only in the FieldKit process that issued it.',
      ja: 'もう一度変更を確認してください。確認は一度だけ、発行した FieldKit のプロセス内でのみ使用できます。',
    },
  },
  CONFIRM_WRONG_ACTION: {
    en: 'The confirmation was given for "{confirmedAction}", not for "{action}" on {target}; nothing was sent to the server.',
    ja: 'この確認は "{confirmedAction}" に対して行われたもので、{target} に対する "{action}" のものではありません。サーバには何も送信していません。',
    remedy: {
      en: 'Confirm the change you want to make, exactly as it will be carried out, then try again.',
      ja: '実行したい変更そのものを確認してから、もう一度実行してください。',
    },
  },
  CONFIRM_WRONG_TARGET: {
    en: 'The confirmation of "{action}" was given for {confirmedTarget}, not for {target}; nothing was sent to the server.',
    ja: '"{action}" の確認は {confirmedTarget} に対して行われたもので、{target} のものではありません。サーバには何も送信していません。',
    remedy: {
      en: 'Check which server the change is meant for, confirm it for that server, then try again.',
      ja: '変更の対象サーバを確認し、そのサーバについて確認してから、もう一度実行してください。',
    },
  },
  CONFIRM_EXPIRED: {
    en: 'The confirmation for "{action}" on {target} has expired (a confirmation is valid for {seconds} s); nothing was sent to the server.',
    ja: '{target} に対する "{action}" の確認は有効期限が切れています (確認の有効期間は {seconds} 秒です)。サーバには何も送信していません。',
    remedy: {
      en: 'Confirm the change again and carry it out within {seconds} s.',
      ja: 'もう一度変更を確認し、{seconds} 秒以内に実行してください。',
    },
  },
  CONFIRM_CASE_MISMATCH: {
    en: 'Recovery case "{caseId}" is for server "{caseServer}", not "{server}"; no confirmation was issued.',
    ja: '復旧ケース "{caseId}" はサーバ "{caseServer}" のもので、"{server}" のものではありません。確認は発行していません。',
    remedy: {
      en: 'Open the case of the server you mean to change (fieldkit cases list) and confirm the step there.',
      ja: '変更するサーバのケースを開き (fieldkit cases list)、そこで手順を確認してください。',
    },
    remedyWindow: {
      en: 'Open the case of the server you mean to change on the Recovery page and confirm the step there.',
      ja: '変更するサーバのケースを復旧ページで開き、そこで手順を確認してください。',
    },
  },
} as const satisfies MessageTable;
