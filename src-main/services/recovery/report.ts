import type { RecoveryCase, SlotSnapshot } from '../../../shared/model/case';
import { SLOT_STATE_TEXT, selDuringCase, slotRecovered } from '../../../shared/model/case';
import { stepLine } from '../../../shared/model/case-text';

/**
 * The case report: JSON is the case record itself; HTML is a single
 * self-contained page (no scripts, no external resources) with the slots
 * before and after drawn as a row of cards, so it can be mailed or printed.
 */
export function caseReportJson(c: RecoveryCase): string {
  return JSON.stringify({ kind: 'fieldkit-recovery-case', ...c, selDuringCase: selDuringCase(c) }, null, 2) + '\n';
}

export { selDuringCase };

/** " (cipher suite 3)": the suites the case's sessions with this BMC used. */
function suitesOf(c: RecoveryCase, b: { role: string; address: string }, label: string): string {
  const suites = [...new Set((c.bmcSessions ?? []).filter((s) => s.role === b.role && s.address === b.address).map((s) => s.cipherSuite))];
  return suites.length ? ` (${suites.map((n) => esc(label.replace('{n}', String(n)))).join(', ')})` : '';
}

const L = {
  en: {
    title: 'Recovery case',
    server: 'Server',
    cluster: 'Cluster',
    operator: 'Engineer',
    started: 'Started',
    updated: 'Last change',
    outcome: 'Outcome',
    bmcs: 'BMCs that answered',
    suite: 'cipher suite {n}',
    device: 'BMC',
    before: 'Slots before',
    after: 'Slots after',
    notRead: 'not read after the power cycle',
    steps: 'Steps',
    sel: 'SEL events during the case',
    attachments: 'Files stored with the case',
    bytes: 'bytes',
    selNone: 'none',
    when: 'When',
    step: 'Step',
    result: 'Result',
    bmc: 'BMC',
    detail: 'Detail',
    fault: 'FAULT',
    ok: 'OK',
    unreadable: 'unreadable',
    checklist: 'Checklist confirmed',
    phases: {
      assess: 'assessing',
      checklist: 'waiting for the checklist',
      clear: 'clearing faults',
      'power-off': 'powering off',
      'power-on': 'powering on',
      verify: 'verifying',
      guidance: 'FAULT REMAINS: not recovered',
      recovered: 'recovered',
      'nothing-to-recover': 'nothing to recover',
      aborted: 'aborted',
    },
  },
  ja: {
    title: '復旧ケース',
    server: 'サーバ',
    cluster: 'クラスタ',
    operator: '作業者',
    started: '開始',
    updated: '最終更新',
    outcome: '結果',
    bmcs: '応答した BMC',
    suite: '暗号スイート {n}',
    device: 'BMC',
    attachments: 'ケースに保存したファイル',
    bytes: 'バイト',
    before: '作業前のスロット',
    after: '作業後のスロット',
    notRead: '電源再投入後は未読込',
    steps: '手順',
    sel: 'ケース中の SEL イベント',
    selNone: 'なし',
    when: '日時',
    step: '手順',
    result: '結果',
    bmc: 'BMC',
    detail: '詳細',
    fault: '障害',
    ok: '正常',
    unreadable: '読込不可',
    checklist: 'チェックリスト確認',
    phases: {
      assess: '状態確認中',
      checklist: 'チェックリスト待ち',
      clear: '障害クリア中',
      'power-off': '電源オフ中',
      'power-on': '電源オン中',
      verify: '確認中',
      guidance: '障害が残っています: 未復旧',
      recovered: '復旧完了',
      'nothing-to-recover': '復旧の必要なし',
      aborted: '中止',
    },
  },
} as const;

export function caseReportHtml(c: RecoveryCase, lang: 'en' | 'ja' = 'en'): string {
  const t = L[lang];
  const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${v}</td></tr>`;
  const outcomeClass = c.phase === 'recovered' || c.phase === 'nothing-to-recover' ? 'good' : c.phase === 'guidance' ? 'bad' : 'open';
  const selEvents = selDuringCase(c);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(t.title)} ${esc(c.id)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f4f4f4}.outcome{font-size:1.4em;font-weight:bold;padding:.3em .6em;display:inline-block;border-radius:4px}
.good{background:#e3f5e1;color:#1b5e20}.bad{background:#fde2e1;color:#b71c1c}.open{background:#fff4d6;color:#7a5a00}
.slots{display:flex;flex-wrap:wrap;gap:.5em}.slot{border:2px solid #888;border-radius:6px;padding:.4em .6em;min-width:11em}
.slot.fault{border-color:#c62828;background:#fdecea}.slot.okslot{border-color:#2e7d32;background:#edf7ed}.slot.unk{border-color:#999;background:#f3f3f3}
.slot b{display:block}.slot ul{margin:.2em 0 0 1em;padding:0;font-size:.85em}
</style></head><body>
<h1>${esc(t.title)} <code>${esc(c.id)}</code></h1>
<p class="outcome ${outcomeClass}" data-phase="${esc(c.phase)}">${esc(t.outcome)}: ${esc(t.phases[c.phase])}</p>
<table>
${row(t.server, esc(c.server))}
${c.cluster ? row(t.cluster, esc(c.cluster)) : ''}
${row(t.operator, `${esc(c.operator)} (${esc(c.via)})`)}
${row(t.started, esc(c.createdAt))}
${row(t.updated, esc(c.updatedAt))}
${row(t.bmcs, c.bmcsAnswered.map((b) => `${esc(b.role)} ${esc(b.address)}${suitesOf(c, b, t.suite)}`).join(', ') || '-')}
${c.deviceId ? row(t.device, `device id ${c.deviceId.deviceId}, firmware ${esc(c.deviceId.firmware)}, IPMI ${esc(c.deviceId.ipmiVersion)}, manufacturer ${c.deviceId.manufacturerId}, product ${c.deviceId.productId}`) : ''}
${c.checklist ? row(t.checklist, esc(c.checklist.confirmedAt)) : ''}
</table>
<h2>${esc(t.before)}</h2>
${slotCards(c.slotsBefore, c.fencedSlots, t, 'before')}
<h2>${esc(t.after)}</h2>
${c.slotsAfter ? slotCards(c.slotsAfter, c.fencedSlots, t, 'after') : `<p>${esc(t.notRead)}</p>`}
<h2>${esc(t.steps)}</h2>
<table id="steps"><tr><th>${esc(t.when)}</th><th>${esc(t.step)}</th><th>${esc(t.result)}</th><th>${esc(t.bmc)}</th><th>${esc(t.detail)}</th></tr>
${c.steps
  .map(
    (s) =>
      `<tr class="step-${esc(s.result)}"><td>${esc(s.at)}</td><td>${esc(s.step)}</td><td>${esc(s.result)}</td><td>${esc(s.bmc ? `${s.bmc} ${s.bmcAddress ?? ''}` : '')}</td><td>${esc(stepLine(s, lang))}${s.errorId ? ` <code>${esc(s.errorId)}</code>` : ''}</td></tr>`,
  )
  .join('\n')}
</table>
<h2>${esc(t.sel)}</h2>
${
  selEvents.length === 0
    ? `<p>${esc(t.selNone)}</p>`
    : `<table id="sel">${selEvents.map((e) => `<tr><td>${e.recordId}</td><td>${esc(e.time ?? '')}</td><td>${esc(e.text)}</td></tr>`).join('\n')}</table>`
}
${c.attachments?.length ? `<h2>${esc(t.attachments)}</h2>\n<ul id="attachments">${c.attachments.map((a) => `<li><code>${esc(a.name)}</code> (${a.bytes} ${esc(t.bytes)}, ${esc(a.savedAt)})</li>`).join('')}</ul>` : ''}
</body></html>
`;
}

function slotCards(slots: SlotSnapshot[], fenced: number[], t: (typeof L)['en'] | (typeof L)['ja'], which: string) {
  const cards = slots.map((s) => {
    const cls = !s.readable ? 'unk' : s.faulted ? 'fault' : slotRecovered(s) ? 'okslot' : 'unk';
    const badge = !s.readable ? t.unreadable : s.faulted ? t.fault : slotRecovered(s) ? t.ok : '-';
    const states = s.asserted.map((o) => `<li>${esc(SLOT_STATE_TEXT[o] ?? `state ${o}`)}</li>`).join('');
    return `<div class="slot ${cls}" data-which="${which}" data-sensor="${s.sensorNumber}" data-fenced="${fenced.includes(s.sensorNumber)}"><b>${esc(s.name)}</b>${esc(badge)}<ul>${states}</ul></div>`;
  });
  return `<div class="slots">${cards.join('\n')}</div>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
