/**
 * The console's escape sequences, as ipmitool's `sol activate` reads them:
 * the escape character (~) only counts at the start of a line (after CR or
 * LF, or first of all), then
 *   ~.  leave (deactivate and close)     ~B  send a break
 *   ~?  help                             ~~  one ~ to the server
 * anything else after ~ is sent as typed, the ~ included. Pure, so that
 * keystrokes split across reads (a terminal sends ~ and . separately) work.
 */
export type EscapeAction = { kind: 'send'; bytes: Buffer } | { kind: 'leave' } | { kind: 'break' } | { kind: 'help' };

const ESCAPE = 0x7e; // ~

export class EscapeReader {
  private atLineStart = true;
  private pendingEscape = false;

  /** The actions one chunk of keystrokes stands for, in order. */
  feed(chunk: Uint8Array): EscapeAction[] {
    const out: EscapeAction[] = [];
    let run: number[] = [];
    const flush = () => {
      if (run.length) out.push({ kind: 'send', bytes: Buffer.from(run) });
      run = [];
    };
    for (const b of chunk) {
      if (this.pendingEscape) {
        this.pendingEscape = false;
        if (b === 0x2e /* . */) { flush(); out.push({ kind: 'leave' }); return out; }
        if (b === 0x42 /* B */) { flush(); out.push({ kind: 'break' }); this.atLineStart = false; continue; }
        if (b === 0x3f /* ? */) { flush(); out.push({ kind: 'help' }); this.atLineStart = false; continue; }
        if (b === ESCAPE) { run.push(ESCAPE); this.atLineStart = false; continue; }
        run.push(ESCAPE);
      } else if (b === ESCAPE && this.atLineStart) {
        this.pendingEscape = true;
        continue;
      }
      run.push(b);
      this.atLineStart = b === 0x0d || b === 0x0a;
    }
    flush();
    return out;
  }
}
