import type { PetFields, TrapClass, TrapNextStep, TrapSeverity } from '../../../shared/model/trap';
import type { ProfileRule, VendorProfile } from './profiles';
import type { Severity } from '../../../shared/ipmi';

/** The PET fields classification looks at (read straight from the bytes on the hot path). */
export type PetKey = Pick<PetFields, 'sensorType' | 'eventType' | 'offset' | 'deassertion' | 'severity' | 'sensorNumber' | 'manufacturerId'>;

/** What the classifier needs to know about a trap. */
export interface ClassifyInput {
  enterprise?: string;
  genericTrap?: number;
  specificTrap?: number;
  trapOid: string;
  pet?: PetKey;
  /** Severity the IPMI offset tables give the PET event. */
  tableSeverity?: Severity;
}

export interface Classification {
  class: TrapClass;
  severity: TrapSeverity;
  profile?: string;
  note?: string;
}

function ruleMatches(rule: ProfileRule, t: ClassifyInput): boolean {
  const m = rule.match;
  if (m.enterprise !== undefined && m.enterprise !== t.enterprise) return false;
  if (m.genericTrap !== undefined && m.genericTrap !== t.genericTrap) return false;
  if (m.specificTrap !== undefined && m.specificTrap !== t.specificTrap) return false;
  if (m.trapOid !== undefined && m.trapOid !== t.trapOid) return false;
  if (m.trapOidPrefix !== undefined && !(t.trapOid === m.trapOidPrefix || t.trapOid.startsWith(`${m.trapOidPrefix}.`))) return false;
  if (m.pet) {
    const p = t.pet;
    if (!p) return false;
    const q = m.pet;
    if (q.sensorType !== undefined && q.sensorType !== p.sensorType) return false;
    if (q.eventType !== undefined && q.eventType !== p.eventType) return false;
    if (q.offset !== undefined && q.offset !== p.offset) return false;
    if (q.deassertion !== undefined && q.deassertion !== p.deassertion) return false;
    if (q.sensorNumber !== undefined && q.sensorNumber !== p.sensorNumber) return false;
    if (q.manufacturerId !== undefined && q.manufacturerId !== p.manufacturerId) return false;
  }
  return true;
}

/** Our severity from the PET severity byte and the offset tables: the worse of the two. */
export function baseSeverity(t: ClassifyInput): TrapSeverity {
  const rank: Record<TrapSeverity, number> = { info: 0, warning: 1, critical: 2 };
  let s: TrapSeverity = 'info';
  const bump = (x: TrapSeverity) => {
    if (rank[x] > rank[s]) s = x;
  };
  if (t.pet) {
    const b = t.pet.severity;
    if (b === 0x10 || b === 0x20) bump('critical');
    else if (b === 0x08) bump('warning');
    // A deassertion reports that a condition went away: the table's rating of the condition does not apply.
    if (!t.pet.deassertion) {
      if (t.tableSeverity === 'critical') bump('critical');
      else if (t.tableSeverity === 'warning') bump('warning');
    }
  }
  return s;
}

/** First matching rule wins, user profiles before built-in ones. */
export function classify(t: ClassifyInput, profiles: readonly VendorProfile[]): Classification {
  for (const p of profiles) {
    for (const rule of p.rules) {
      if (ruleMatches(rule, t)) {
        return {
          class: rule.class as TrapClass,
          severity: (rule.severity as TrapSeverity | undefined) ?? baseSeverity(t),
          profile: p.name,
          ...(rule.note ? { note: rule.note } : {}),
        };
      }
    }
  }
  return { class: 'other', severity: baseSeverity(t) };
}

const stepCache = new Map<string, TrapNextStep>();

/** The next step for the engineer, in both languages. `who` is the server name or the source address. */
export function nextStepFor(cls: TrapClass, who: string, known: boolean): TrapNextStep {
  // Cached: the same few servers send most traps, and this runs for each of them.
  const key = `${cls}|${known ? 1 : 0}|${who}`;
  let step = stepCache.get(key);
  if (!step) {
    if (stepCache.size > 10_000) stepCache.clear();
    step = Object.freeze(buildNextStep(cls, who, known));
    stepCache.set(key, step);
  }
  return step;
}

function buildNextStep(cls: TrapClass, who: string, known: boolean): TrapNextStep {
  if (!known) {
    return {
      action: 'review',
      en: `The sender ${who} is not in the inventory: add its BMC address to the right server, or check why it sends traps here.`,
      ja: `送信元 ${who} はインベントリに登録されていません。該当サーバに BMC アドレスを登録するか、なぜここへトラップを送っているか確認してください。`,
    };
  }
  switch (cls) {
    case 'fencing':
      return {
        action: 'start-recovery',
        en: `Start recovery for ${who}`,
        ja: `${who} のリカバリを開始してください`,
      };
    case 'predictive-failure':
      return {
        action: 'check-hardware',
        en: `Plan the replacement of the failing part of ${who}; collect a dump (fieldkit dump) for support.`,
        ja: `${who} の故障予兆部品の交換を計画し、サポート用にダンプを採取してください (fieldkit dump)。`,
      };
    case 'performance':
      return {
        action: 'check-performance',
        en: `Check the cooling, load and throttling of ${who} (fieldkit sensors).`,
        ja: `${who} の冷却・負荷・スロットリングを確認してください (fieldkit sensors)。`,
      };
    case 'power-off':
      return {
        action: 'check-power',
        en: `Check why ${who} lost power (fieldkit power status, fieldkit sel) before powering it on.`,
        ja: `電源を入れる前に ${who} の電源断の原因を確認してください (fieldkit power status, fieldkit sel)。`,
      };
    case 'os-stop':
      return {
        action: 'collect-dump',
        en: `Collect the OS crash dump and a FieldKit dump of ${who} before restarting it.`,
        ja: `再起動の前に ${who} の OS クラッシュダンプと FieldKit のダンプを採取してください。`,
      };
    default:
      return {
        action: 'review',
        en: `Review the event of ${who}; no action is usually needed.`,
        ja: `${who} のイベントを確認してください。通常は対処不要です。`,
      };
  }
}
