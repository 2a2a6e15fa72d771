/**
 * What a recovery step says, stored as an id and its values, rendered in the
 * reader's language when the case is shown, printed or exported: a case run
 * in English reads Japanese in a Japanese report. Failures carry a catalogue
 * error id instead (CaseStep.errorId); cases written before steps had ids keep
 * their English `detail`, shown as it is.
 */
import { fillTemplate, isMessageId, renderMessage, type Lang } from '../messages';
import type { CaseStep, RecoveryCase } from './case';

type Texts = Record<string, { en: string; ja: string }>;

export const STEP_TEXTS = {
  STEP_CONNECTED: { en: 'device {device} firmware {firmware}, power {power}', ja: 'デバイス {device}、ファームウェア {firmware}、電源 {power}' },
  STEP_SNAPSHOT: {
    en: '{slots} slot sensor(s), {faulted} faulted, {sel} SEL record(s) saved',
    ja: 'スロットセンサ {slots} 個、障害 {faulted} 個、SEL {sel} 件を保存しました',
  },
  STEP_CHECKLIST_MISSING: { en: 'not confirmed: {missing}', ja: '未確認の項目: {missing}' },
  STEP_CHECKLIST_OK: { en: 'failover elsewhere, server isolated, maintenance window agreed', ja: '他サーバへのフェイルオーバ、サーバの切り離し、保守時間の合意を確認しました' },
  STEP_CLEAR_GUIDED: {
    en: 'cycle {cycle}: Clear All Faults pressed in the BMC web console ({path}), confirmed by {operator}',
    ja: 'サイクル {cycle}: BMC の Web コンソール ({path}) で Clear All Faults を押したことを {operator} が確認しました',
  },
  STEP_CLEAR_VENDOR: {
    en: 'cycle {cycle}: Clear All Faults by profile {profile}: netFn {netFn} cmd {cmd}',
    ja: 'サイクル {cycle}: プロファイル {profile} で Clear All Faults を送信しました (netFn {netFn} cmd {cmd})',
  },
  STEP_REARM: {
    en: 'IPMI re-arm sensor events of {slot} (sensor {sensor}); an extra step, not Clear All Faults',
    ja: '{slot} (センサ {sensor}) のセンサイベントを IPMI で再アームしました (追加の手順であり、Clear All Faults ではありません)',
  },
  STEP_SEL_CLEARED: { en: 'SEL cleared ({count} record(s) saved in the case first)', ja: 'SEL を消去しました (先に {count} 件をケースに保存済み)' },
  STEP_NAME_MISMATCH: { en: 'typed name did not match; nothing sent', ja: '入力した名前が一致しないため、何も送信していません' },
  STEP_VERIFY_OK: { en: 'every fenced slot reads installed/attached, no fault asserted', ja: 'I/O Fencing されたすべてのスロットが実装/接続済みで、障害はありません' },
  STEP_POWER_CONFIRMED_ON_RESUME: { en: 'power {power} (confirmed on resume, nothing re-sent)', ja: '電源 {power} (再開時に確認、再送信なし)' },
  STEP_RESUMED: { en: 'at {phase}; power {power}; faulted: {faulted}', ja: '{phase} から再開、電源 {power}、障害: {faulted}' },
  STEP_RESUMED_POWER_DONE: {
    en: 'at {phase}; power {power}; faulted: {faulted}; power {action} sent at {sentAt} has taken effect',
    ja: '{phase} から再開、電源 {power}、障害: {faulted}。{sentAt} に送信した電源 {action} は反映されています',
  },
  STEP_RESUMED_POWER_PENDING: {
    en: 'at {phase}; power {power}; faulted: {faulted}; power {action} sent at {sentAt} has NOT taken effect; it will be sent again only when confirmed',
    ja: '{phase} から再開、電源 {power}、障害: {faulted}。{sentAt} に送信した電源 {action} は反映されていません。確認後にのみ再送信します',
  },
  STEP_ASSESS_FAILED: {
    en: 'closed: the server could not be read ({reason}); nothing was sent; start again when the BMC answers',
    ja: 'クローズしました: サーバを読み取れませんでした ({reason})。何も送信していません。BMC が応答したら最初から開始してください',
  },
  STEP_ABORTED: { en: 'aborted at {phase}: {reason}', ja: '{phase} で中止しました: {reason}' },
  STEP_ABORTED_BY_ENGINEER: { en: 'aborted at {phase} by the engineer', ja: '{phase} でエンジニアが中止しました' },
  STEP_POWER_ALREADY: { en: 'already {power}; nothing sent', ja: '既に電源 {power} のため、何も送信していません' },
  STEP_POWER_REQUESTED: { en: 'chassis control power {power} requested', ja: 'シャーシ制御で電源 {power} を要求しました' },
  STEP_POWER_NO_REPLY: {
    en: 'no reply to power {power}; reading the power state instead of sending it again',
    ja: '電源 {power} の応答がありません。再送信せず電源状態を読み取ります',
  },
  STEP_POWER_CONFIRMED: { en: 'BMC reports power {power}', ja: 'BMC の報告: 電源 {power}' },
} as const satisfies Texts;

export type StepTextId = keyof typeof STEP_TEXTS;

export interface StepText {
  id: StepTextId;
  params?: Record<string, string | number>;
}

/** A step's line in the reader's language: its text id, else its error, else what an older case stored. */
export function stepLine(s: Pick<CaseStep, 'text' | 'errorId' | 'errorParams' | 'detail'>, lang: Lang): string {
  if (s.text && s.text.id in STEP_TEXTS) {
    // A text whose {reason} is the failure kept beside it (STEP_ASSESS_FAILED) renders that failure in the reader's language too.
    const reason = s.text.params?.reason === undefined && s.errorId && isMessageId(s.errorId) ? { reason: renderMessage(s.errorId, s.errorParams, lang).text } : {};
    return fillTemplate(STEP_TEXTS[s.text.id][lang], { ...s.text.params, ...reason });
  }
  // An error id of an older version, no longer in the catalogue: what was stored is still worth showing.
  if (s.errorId && isMessageId(s.errorId)) return renderMessage(s.errorId, s.errorParams, lang).text;
  return s.detail ?? '';
}

/**
 * Why a case stopped, in the reader's language: the line of its last failed
 * or abort step. `reason` (English, for the log) only for cases without one.
 */
export function caseReason(c: Pick<RecoveryCase, 'steps' | 'reason'>, lang: Lang): string {
  const last = [...c.steps].reverse().find((s) => s.result === 'failed' || s.step === 'abort');
  const line = last ? stepLine(last, lang) : '';
  return line || (c.reason ?? '');
}
