import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AppInfo } from '../../../shared/contract';
import { call } from '../api/client';

/** What the shell knows about the running FieldKit, read once through the contract. */
export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo>();
  const error = ref<unknown>();
  let loading: Promise<void> | undefined;

  function load(): Promise<void> {
    loading ??= call('app.info', {})
      .then((i) => {
        info.value = i;
        error.value = undefined;
      })
      .catch((e: unknown) => {
        error.value = e;
        loading = undefined;
      });
    return loading;
  }

  return { info, error, load };
});
