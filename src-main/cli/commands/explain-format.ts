import { MANUAL_TITLES, type Notice } from '../../../shared/guide/notices';

const KIND = {
  en: { verbatim: '', label: '(screen label) ', description: '(no message text in the guide) ' },
  ja: { verbatim: '', label: '(画面の表示) ', description: '(ガイドにメッセージ文なし) ' },
} as const;

/** One notice as `fieldkit explain` prints it: id and source, the text, what it means, what to do. */
export function noticeLines(n: Notice, lang: 'en' | 'ja'): string[] {
  const own = n.idKind === 'fieldkit' ? (lang === 'ja' ? ' (FieldKit の ID)' : " (FieldKit's id)") : '';
  const manual = MANUAL_TITLES[n.manual][lang];
  const models = n.models?.length ? `; ${n.models.join(', ')}` : '';
  return [`${n.id}${own}  [${n.product}; ${manual}${models}]`, `  ${KIND[lang][n.textKind]}${n.text}`, `  ${n.meaning[lang]}`, `  → ${n.action[lang]}`];
}
