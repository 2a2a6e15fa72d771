/**
 * A console transcript kept in memory: the last `limit` bytes exactly as the
 * BMC sent them (nothing stripped: escape sequences and CRs stay, so what
 * support reads is what the terminal showed). Older bytes fall off the front;
 * `dropped` says how many, so a saved transcript can say it is not whole.
 */
export class RingTranscript {
  private chunks: Buffer[] = [];
  private size = 0;
  private droppedBytes = 0;
  private totalBytes = 0;

  constructor(readonly limit: number) {}

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.totalBytes += bytes.length;
    // A chunk larger than the whole ring keeps only its tail.
    const chunk = bytes.length > this.limit ? bytes.subarray(bytes.length - this.limit) : bytes;
    this.droppedBytes += bytes.length - chunk.length;
    this.chunks.push(Buffer.from(chunk));
    this.size += chunk.length;
    while (this.size > this.limit) {
      const first = this.chunks[0];
      const over = this.size - this.limit;
      if (first.length <= over) {
        this.chunks.shift();
        this.size -= first.length;
        this.droppedBytes += first.length;
      } else {
        this.chunks[0] = first.subarray(over);
        this.size -= over;
        this.droppedBytes += over;
      }
    }
  }

  /** The bytes kept, oldest first. */
  bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  get length(): number {
    return this.size;
  }

  get total(): number {
    return this.totalBytes;
  }

  get dropped(): number {
    return this.droppedBytes;
  }
}
