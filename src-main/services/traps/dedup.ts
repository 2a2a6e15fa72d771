/**
 * Duplicate suppression: BMCs send doubles (one per destination entry or
 * per alert policy) and retransmit a PET until it is acknowledged. A key
 * seen again within the window is a duplicate. The window counts from the
 * first sighting, so an unacknowledged retransmitter shows up once per
 * window (the engineer sees that the BMC is still waiting), while a new
 * event always differs in its sequence number or event data.
 */
export class DuplicateWindow {
  // Two generations instead of a per-entry sweep: at 30k traps/s a 10 s window
  // holds 300k keys, and dropping a whole Map is O(1) where a sweep is not.
  private current = new Map<number | string, number>();
  private previous = new Map<number | string, number>();
  private rotatedAt = 0;

  constructor(private readonly windowMs: number) {}

  /** True when `key` was seen within the window before `now`. */
  isDuplicate(key: number | string, now: number): boolean {
    if (this.windowMs <= 0) return false;
    if (now - this.rotatedAt >= this.windowMs) {
      this.previous = this.current;
      this.current = new Map();
      this.rotatedAt = now;
    }
    const first = this.current.get(key) ?? this.previous.get(key);
    if (first !== undefined && now - first < this.windowMs) return true;
    this.current.set(key, now);
    return false;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}
