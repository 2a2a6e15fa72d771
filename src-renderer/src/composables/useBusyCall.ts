import { ref } from 'vue';

/**
 * A view's calls to the main process: `busy` while one runs (buttons show a
 * spinner), `error` holds what the last one threw (shown by ErrorAlert), and
 * run() never throws, so a handler can simply check for undefined.
 */
export function useBusyCall(hooks: { onStart?: () => void; onEnd?: () => void } = {}) {
  const busy = ref(false);
  const error = ref<unknown>(null);
  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    hooks.onStart?.();
    try {
      return await fn();
    } catch (e) {
      error.value = e;
      return undefined;
    } finally {
      busy.value = false;
      hooks.onEnd?.();
    }
  }
  return { busy, error, run };
}
