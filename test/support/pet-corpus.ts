import fs from 'node:fs';
import path from 'node:path';
import type { TrapClass } from '../../shared/model/trap';

export interface CorpusEntry {
  name: string;
  specific: number;
  hex: string;
  expectClass: TrapClass;
  note: string;
}

/** The PET corpus in test/fixtures/pet/corpus.json. */
export function loadPetCorpus(): CorpusEntry[] {
  const file = path.resolve(__dirname, '../fixtures/pet/corpus.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: CorpusEntry[] }).entries;
}

export const hexToBytes = (hex: string): Buffer => Buffer.from(hex, 'hex');
/** "a1 23 ..." as snmptrap's `x` type and ipmi-pet take it. */
export const spacedHex = (hex: string): string => (hex.match(/../g) ?? []).join(' ');
