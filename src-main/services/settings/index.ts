import type { OperationRecord } from '../../../shared/model/operation';
import type { Services } from '../container';
import { ipmiDefaultsInUse } from './ipmi-defaults';
import { SettingsStore } from './store';

export { SettingsStore, settingsFile, checkLanguage, checkMonitorInterval, ipmiSettingsIn } from './store';
export { ipmiDefaultsInUse } from './ipmi-defaults';

/** The settings of this FieldKit process's state folder, saves written to its operation log. */
export function settingsOf(services: Services, who: string, via: OperationRecord['via']): SettingsStore {
  return new SettingsStore({ home: services.home, ipmi: ipmiDefaultsInUse, audit: (r) => services.logs.operations.append(r), who, via });
}
