import { useI18n } from 'vue-i18n';
import type { SlotKind } from '../../../shared/model/inventory';

/** What is known of a fenced slot: its number and kind when known, else the sensor's name. */
export interface SlotLike {
  slot?: number;
  kind?: SlotKind;
  name?: string;
}

/**
 * One way to name a PCI slot in the window, in the manuals' words:
 * "PCI Slot 5 (HBA)" / "PCI スロット 5 (HBA)"; the kind is what the
 * inventory records for that slot, left out when it records nothing.
 */
export function useSlotLabel() {
  const { t } = useI18n();
  function slotLabel(s: SlotLike): string {
    const base = s.slot !== undefined ? t('monitor.slot.number', { n: s.slot }) : (s.name ?? t('monitor.slot.unknown'));
    return s.kind ? t('monitor.slot.withKind', { slot: base, kind: t(`inventory.kindsShort.${s.kind}`) }) : base;
  }
  return { slotLabel };
}
