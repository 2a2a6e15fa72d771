/**
 * Collects items and hands them out at most every `intervalMs` (≈10 pushes a
 * second), however fast they arrive, so the renderer is never flooded. Past
 * `maxItems` per push the oldest are left out and counted instead.
 */
export class PushBatcher<T> {
  private items: T[] = [];
  private omitted = 0;
  private timer: NodeJS.Timeout | undefined;
  private lastFlush = 0;

  constructor(
    private readonly flush: (items: T[], omitted: number) => void,
    private readonly intervalMs = 100,
    private readonly maxItems = 500,
    private readonly now: () => number = Date.now,
  ) {}

  push(item: T): void {
    this.items.push(item);
    // Trim in halves, not one shift per push (O(n) each at 30k/s).
    if (this.items.length >= this.maxItems * 2) {
      const drop = this.items.length - this.maxItems;
      this.items.splice(0, drop);
      this.omitted += drop;
    }
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref?.();
  }

  private fire(force = false): void {
    this.timer = undefined;
    // Timers may fire a millisecond early (libuv rounds); never push sooner than the interval.
    const early = this.lastFlush + this.intervalMs - this.now();
    if (!force && early > 0) {
      this.timer = setTimeout(() => this.fire(), early);
      this.timer.unref?.();
      return;
    }
    this.lastFlush = this.now();
    let items = this.items;
    let omitted = this.omitted;
    if (items.length > this.maxItems) {
      omitted += items.length - this.maxItems;
      items = items.slice(items.length - this.maxItems);
    }
    this.items = [];
    this.omitted = 0;
    if (items.length || omitted) this.flush(items, omitted);
  }

  /** Flushes what is pending now (on stop). */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.fire(true);
  }
}
