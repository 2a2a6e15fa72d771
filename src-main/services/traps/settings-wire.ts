import type { OperationRecord } from '../../../shared/model/operation';
import type { Services } from '../container';
import { SnmpV3KeyStore } from '../credentials/snmpv3';
import { credentialsOf } from '../credentials/wire';
import { TrapSettings } from './settings';

/**
 * The listener settings of a FieldKit process, keys through the process's one
 * credential service (so a session-only key stored from the UI is found by
 * the next traps.start of the same process).
 */
export function trapSettingsOf(services: Services, who: string, via: OperationRecord['via']): TrapSettings {
  return new TrapSettings({
    home: services.home,
    keys: new SnmpV3KeyStore(credentialsOf(services)),
    audit: (r) => services.logs.operations.append(r),
    who,
    via,
  });
}
