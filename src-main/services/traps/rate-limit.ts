/**
 * Per-source token buckets: a BMC in a storm (or a spoofed flood from one
 * address) cannot starve the others. Buckets of quiet sources are pruned.
 */
export class SourceRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastPrune = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** True when a trap from `source` at time `now` (ms) may pass. */
  allow(source: string, now: number): boolean {
    if (this.perSecond <= 0) return true; // 0 = unlimited
    let b = this.buckets.get(source);
    if (!b) {
      b = { tokens: this.burst, at: now };
      this.buckets.set(source, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
      b.at = now;
    }
    if (now - this.lastPrune > 60_000) this.prune(now);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private prune(now: number): void {
    this.lastPrune = now;
    const full = (this.burst / this.perSecond) * 1000;
    for (const [k, b] of this.buckets) if (now - b.at > full) this.buckets.delete(k);
  }
}
