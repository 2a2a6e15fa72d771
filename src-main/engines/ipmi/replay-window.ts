/**
 * Inbound session sequence numbers: accept each number once, in any order
 * within the last 32 (FreeIPMI accepts a window of 8..32), drop duplicates
 * and anything older. Arithmetic is modulo 2^32 so the wrap is harmless.
 */
export const WINDOW = 32;

export class ReplayWindow {
  private top = -1;
  private mask = 0; // bit i set = top - (i + 1) already seen

  reset(): void {
    this.top = -1;
    this.mask = 0;
  }

  /** True (and remembered) if the number is new and not too old. */
  accept(seq: number): boolean {
    seq >>>= 0;
    if (this.top < 0) {
      this.top = seq;
      this.mask = 0;
      return true;
    }
    const ahead = (seq - this.top) >>> 0;
    if (ahead === 0) return false;
    if (ahead < 0x80000000) {
      this.mask = ahead > WINDOW ? 0 : ahead === WINDOW ? (1 << (WINDOW - 1)) >>> 0 : ((this.mask << ahead) | (1 << (ahead - 1))) >>> 0;
      this.top = seq;
      return true;
    }
    const back = (this.top - seq) >>> 0;
    if (back > WINDOW) return false;
    const bit = (1 << (back - 1)) >>> 0;
    if ((this.mask & bit) !== 0) return false;
    this.mask = (this.mask | bit) >>> 0;
    return true;
  }
}
