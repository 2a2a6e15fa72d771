/**
 * Duplicate suppression: BMCs send doubles (one per destination entry or
 * per alert policy) and retransmit a PET until it is acknowledged. A key
 * seen again within the window is a duplicate. The window counts from the
 * first sighting, so an unacknowledged retransmitter shows up once per
 * window (the engineer sees that the BMC is still waiting), while a new
 * event always differs in its sequence number or event data.
 */
export class DuplicateWindow {
  private readonly seen = new Map<string, number>();
  private lastPrune = 0;

  constructor(private readonly windowMs: number) {}

  /** True when `key` was seen within the window before `now`. */
  isDuplicate(key: string, now: number): boolean {
    if (this.windowMs <= 0) return false;
    if (now - this.lastPrune > this.windowMs) this.prune(now);
    const first = this.seen.get(key);
    if (first !== undefined && now - first < this.windowMs) return true;
    this.seen.set(key, now);
    return false;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    this.lastPrune = now;
    for (const [k, t] of this.seen) if (now - t >= this.windowMs) this.seen.delete(k);
  }
}
