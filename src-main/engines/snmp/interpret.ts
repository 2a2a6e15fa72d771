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
  // In a PET, offset 0x0F means "unspecified" (no table defines a 16th offset); ipmi-pet prints N/A.
  const text = p.offset === 0x0f ? 'N/A' : eventText(p.sensorType, p.eventType, p.offset);
  return {
    sensorTypeName: sensorTypeName(p.sensorType),
    eventText: text,
    eventDetail: eventDetail(p, text),
    direction: p.deassertion ? 'Deassertion Event' : 'Assertion Event',
    severityName: petSeverityName(p.severity),
    manufacturer: manufacturer(p.manufacturerId)?.name ?? String(p.manufacturerId),
    sensorName: `Sensor #${p.sensorNumber}`,
  };
}

const h2 = (n: number): string => `${n.toString(16).toUpperCase().padStart(2, '0')}h`;

/**
 * The event text with what the event data and OEM fields add, in ipmi-pet's
 * form: threshold events carry the reading (data 2) and the threshold
 * (data 3) when event data 1 says so; OEM records follow after " ; ".
 */
function eventDetail(p: PetFields, text: string): string {
  const parts = [text];
  const ed1 = p.eventData[0];
  if ((p.eventType & 0x7f) === 0x01) {
    if (((ed1 >> 6) & 3) === 1) parts.push(`Sensor Reading = ${h2(p.eventData[1])}`);
    if (((ed1 >> 4) & 3) === 1) parts.push(`Threshold = ${h2(p.eventData[2])}`);
  }
  let out = parts.join(' | ');
  for (const f of p.oem) {
    if (f.kind === 'typed') {
      const bytes = f.hex.match(/../g) ?? [];
      out += ` ; ${f.text ?? bytes.map((b) => `${b.toUpperCase()}h`).join(' ')}`;
    } else if (f.kind === 'ascii') out += ` ; ${f.text}`;
  }
  return out;
}

/** Severity the offset tables give the event (undefined when unrated). */
export function tableSeverity(p: PetFields): Severity | undefined {
  return eventSeverity(p.sensorType, p.eventType, p.offset);
}
