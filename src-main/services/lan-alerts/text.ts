import type { LanAlertCheck, LanAlertDestination } from '../../../shared/model/lan-alerts';
import { renderMessage, type Lang } from '../../../shared/messages';

/** The words of the destination list, in both languages (the findings come from the catalogue). */
const WORDS = {
  en: {
    head: (c: LanAlertCheck) => `${c.server}${c.cluster ? ` (cluster ${c.cluster})` : ''}: BMC LAN alert destinations, channel ${c.reading.channel}`,
    community: 'Community string',
    count: 'Destinations',
    notReported: 'not reported',
    unset: 'not set',
    type: { pet: 'PET trap', oem1: 'OEM 1', oem2: 'OEM 2', reserved: 'reserved type' },
    ack: 'acknowledged', noAck: 'not acknowledged',
    // The raw byte, as ipmitool prints it (the specification counts it from 0: 0 = 1 second).
    retry: (d: LanAlertDestination) => `${d.acknowledged ? 'ack timeout' : 'retry interval'} ${d.timeoutSeconds}, ${d.retries} retries`,
    gateway: { default: 'default gateway', backup: 'backup gateway' },
    keyword: (c: NonNullable<LanAlertCheck['keyword']>) => `BMCNOTICE keyword${c.source === 'server' ? ' (this server\'s own)' : ''}`,
    listener: (l: LanAlertCheck['listener']) => `This laptop's trap listener${l.listening ? '' : ' (not running; as saved)'}`,
    remedy: 'Remedy',
  },
  ja: {
    head: (c: LanAlertCheck) => `${c.server}${c.cluster ? ` (クラスタ ${c.cluster})` : ''}: BMC の LAN アラート送信先、チャネル ${c.reading.channel}`,
    community: 'コミュニティ名',
    count: '送信先数',
    notReported: '報告なし',
    unset: '未設定',
    type: { pet: 'PET トラップ', oem1: 'OEM 1', oem2: 'OEM 2', reserved: '予約済みの種別' },
    ack: '応答確認あり', noAck: '応答確認なし',
    retry: (d: LanAlertDestination) => `${d.acknowledged ? '応答確認タイムアウト' : '再送間隔'} ${d.timeoutSeconds}、再送 ${d.retries} 回`,
    gateway: { default: 'デフォルトゲートウェイ', backup: 'バックアップゲートウェイ' },
    keyword: (c: NonNullable<LanAlertCheck['keyword']>) => `BMCNOTICE のキーワード${c.source === 'server' ? ' (このサーバ固有)' : ''}`,
    listener: (l: LanAlertCheck['listener']) => `この PC のトラップ受信${l.listening ? '' : ' (停止中、保存された設定)'}`,
    remedy: '対処',
  },
} as const;

const MARK = { ok: 'OK  ', info: 'INFO', warning: 'WARN' } as const;

function destinationLine(d: LanAlertDestination, lang: Lang): string {
  const w = WORDS[lang];
  if (d.unset) return `  #${d.set}: ${w.unset}${d.address ? ` (${d.address})` : ''}`;
  return `  #${d.set}: ${w.type[d.type]} ${d.address}  MAC ${d.mac}  ${w.gateway[d.gateway]}, ${d.acknowledged ? w.ack : w.noAck}, ${w.retry(d)}`;
}

/** The check as text lines: what the BMC reported, then each finding with its remedy, in the user's language. */
export function lanAlertsText(c: LanAlertCheck, lang: Lang): string[] {
  const w = WORDS[lang];
  const r = c.reading;
  const lines = [w.head(c)];
  if (r.community !== undefined) lines.push(`  ${w.community}: ${r.community}`);
  lines.push(`  ${w.count}: ${r.status === 'not-supported' && r.count === 0 ? w.notReported : r.count}`);
  for (const d of r.destinations) lines.push(destinationLine(d, lang));
  if (c.keyword) lines.push(`  ${w.keyword(c.keyword)}: ${c.keyword.addresses.join(';')}${c.keyword.port !== 162 ? `:${c.keyword.port}` : ''}`);
  lines.push(`  ${w.listener(c.listener)}: ${c.listener.addresses.join(', ') || '-'} UDP ${c.listener.port}`);
  lines.push('');
  for (const f of c.findings) {
    const m = renderMessage(f.id, f.params, lang);
    lines.push(`${MARK[f.severity]} ${m.text}`);
    if (f.severity === 'warning') lines.push(`     ${w.remedy}: ${m.remedy}`);
  }
  return lines;
}
