import { onUnmounted, ref, watch, type Ref } from 'vue';

/**
 * Runs `tick` every `intervalMs` while the page is visible, and never two at
 * once: the next read is planned only after the previous one ended, so a slow
 * BMC is not sent a second request while the first is still out. Hidden
 * (another tab, a minimised window) pauses it — a BMC answers few sessions
 * and nobody is looking; visible again reads at once. Leaving the page
 * (unmount) stops it for good.
 */
export function useVisiblePoll(tick: () => Promise<void>, intervalMs: Ref<number>) {
  const running = ref(false);
  const hidden = ref(typeof document !== 'undefined' && document.visibilityState === 'hidden');
  /** Reads started so far (the page shows it; the end-to-end test counts with it). */
  const count = ref(0);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let disposed = false;

  function clear() {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function plan(delay: number) {
    clear();
    if (!running.value || hidden.value || disposed) return;
    timer = setTimeout(() => void once(), delay);
  }

  async function once() {
    timer = undefined;
    if (inFlight || !running.value || hidden.value || disposed) return;
    inFlight = true;
    count.value++;
    try {
      await tick();
    } finally {
      inFlight = false;
      plan(intervalMs.value);
    }
  }

  function start() {
    running.value = true;
    void once();
  }

  function stop() {
    running.value = false;
    clear();
  }

  function onVisibility() {
    hidden.value = document.visibilityState === 'hidden';
    if (hidden.value) clear();
    else if (running.value && !inFlight) void once();
  }

  document.addEventListener('visibilitychange', onVisibility);
  // A new interval applies from now on, not after the old one ran out.
  watch(intervalMs, () => { if (running.value && !inFlight) plan(intervalMs.value); });
  onUnmounted(() => {
    disposed = true;
    stop();
    document.removeEventListener('visibilitychange', onVisibility);
  });

  return { running, hidden, count, start, stop };
}
