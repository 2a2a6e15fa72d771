import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CaseSummary } from '../../../shared/model/case';
import type { ServerStatus } from '../../../shared/model/monitor';
import { call } from '../api/client';

/**
 * What the dashboard's cards and the fencing banner share, kept for the
 * whole window session so a page change forgets nothing: the latest status
 * sweep (which slots each server has faulted), the recovery cases still open
 * (so both offer "Resume" rather than a second "Start"), and which banner
 * lines the engineer dismissed.
 */
export const useFencingStore = defineStore('fencing', () => {
  const statuses = ref<ServerStatus[]>([]);
  const openCases = ref<CaseSummary[]>([]);
  /** server (or unknown sender's address) -> id of the newest trap when dismissed. */
  const dismissed = ref<Record<string, string>>({});

  function setStatuses(rows: ServerStatus[]) {
    statuses.value = rows;
  }

  async function loadOpenCases(): Promise<void> {
    try {
      openCases.value = await call('recovery.openCases', {});
    } catch {
      // Without the case list the buttons say "Recover"; the wizard lists open cases itself.
    }
  }

  function openCaseOf(server: string): CaseSummary | undefined {
    return openCases.value.find((c) => c.server === server);
  }

  function statusOf(server: string): ServerStatus | undefined {
    return statuses.value.find((r) => r.server === server);
  }

  /** A dismissed line comes back when a newer trap arrives for it. */
  function dismiss(key: string, newestTrapId: string) {
    dismissed.value = { ...dismissed.value, [key]: newestTrapId };
  }

  function isDismissed(key: string, newestTrapId: string): boolean {
    return dismissed.value[key] === newestTrapId;
  }

  return { statuses, openCases, dismissed, setStatuses, loadOpenCases, openCaseOf, statusOf, dismiss, isDismissed };
});
