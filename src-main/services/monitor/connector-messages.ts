/**
 * HA Monitor Connector's syslog messages and its "not processing" answer.
 * The catalogue itself lives in shared/guide/notices.ts (with the CLUSTERPRO
 * notices, so the window can search it too); this keeps the older names.
 */
import { explainNotice } from '../../../shared/guide/notice-match';
import { CONNECTOR_NOTICES, type Notice } from '../../../shared/guide/notices';

export type ConnectorMessage = Notice;

export const CONNECTOR_MESSAGES: readonly ConnectorMessage[] = CONNECTOR_NOTICES;

/** By id ("HCME1012", case-insensitive) or by a pasted syslog line / output containing one; Connector entries only. */
export function findConnectorMessage(input: string): ConnectorMessage | undefined {
  const m = explainNotice(input);
  return m && m.notice.source === 'connector' ? m.notice : undefined;
}
