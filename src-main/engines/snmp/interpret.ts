import { eventSeverity, eventText, manufacturer, sensorTypeName, type Severity } from '../../../shared/ipmi';
import type { PetFields, PetTexts } from '../../../shared/model/trap';

/** ipmi-pet's Severity column for the PET severity byte. */
export function petSeverityName(severity: number): string {
  switch (severity) {
    case 0x00:
      return 'N/A';
    case 0x01:
      return 'Monitor';
    case 0x02:
      return 'Information';
    case 0x04:
      return 'Ok';
    case 0x08:
      return 'Non-critical condition';
    case 0x10:
      return 'Critical condition';
    case 0x20:
      return 'Non-recoverable condition';
    default:
      return 'Unspecified';
  }
}

/**
 * The texts ipmi-pet prints for a PET, from the same tables the IPMI engine
 * uses. Like ipmi-pet, the event text names the offset whatever the
 * direction ("Fault Status asserted" with "Deassertion Event").
 */
export function interpretPet(p: PetFields): PetTexts {
  return {
    sensorTypeName: sensorTypeName(p.sensorType),
    eventText: eventText(p.sensorType, p.eventType, p.offset),
    direction: p.deassertion ? 'Deassertion Event' : 'Assertion Event',
    severityName: petSeverityName(p.severity),
    manufacturer: manufacturer(p.manufacturerId)?.name ?? String(p.manufacturerId),
    sensorName: `Sensor #${p.sensorNumber}`,
  };
}

/** Severity the offset tables give the event (undefined when unrated). */
export function tableSeverity(p: PetFields): Severity | undefined {
  return eventSeverity(p.sensorType, p.eventType, p.offset);
}
