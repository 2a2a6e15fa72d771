/**
 * A reusable deadline for one strictly sequential waiter (a session runs one
 * exchange at a time). Creating and clearing a Node timer for every request
 * cost more than the rest of an exchange on a warm session, and a deadline
 * almost never expires: this keeps one timer and only moves the due time.
 * When the timer fires before the current due time (the deadline moved on
 * since it was set), it re-arms itself for the remainder. While nothing
 * waits, the timer is unref'd so that it never keeps a process alive.
 */
export class Deadline {
  private timer?: ReturnType<typeof setTimeout>;
  /** When the pending Node timer fires (ms, performance.now() scale). */
  private firesAt = 0;
  private due = 0;
  private onExpire?: () => void;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Calls onExpire after ms unless stop() comes first. Replaces an earlier start(). */
  start(ms: number, onExpire: () => void): void {
    const due = this.now() + ms;
    this.due = due;
    this.onExpire = onExpire;
    if (this.timer && this.firesAt <= due) {
      // The pending timer fires in time and re-arms for the rest.
      this.timer.ref();
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.arm(ms);
  }

  stop(): void {
    this.onExpire = undefined;
    this.timer?.unref();
  }

  dispose(): void {
    this.onExpire = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(ms: number): void {
    const wait = Math.max(1, Math.ceil(ms));
    this.firesAt = this.now() + wait;
    this.timer = setTimeout(this.fire, wait);
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const f = this.onExpire;
    if (!f) return;
    const left = this.due - this.now();
    if (left > 0.5) {
      this.arm(left);
      return;
    }
    this.onExpire = undefined;
    f();
  };
}
