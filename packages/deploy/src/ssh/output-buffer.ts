/** Default bytes of each output stream kept by `exec` (the tail is kept when more arrives). */
export const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** Collects a stream's bytes, keeping the last `max` bytes and counting what was dropped. */
export class OutputBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes dropped from the start. */
  dropped = 0;

  constructor(private readonly max: number = DEFAULT_MAX_OUTPUT_BYTES) {}

  /** Adds a chunk. */
  push(chunk: Buffer | string): void {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.chunks.push(b);
    this.size += b.length;
    if (this.size > this.max * 2) this.compact();
  }

  private compact(): void {
    const all = Buffer.concat(this.chunks);
    const cut = Math.max(0, all.length - this.max);
    this.dropped += cut;
    this.chunks = [all.subarray(cut)];
    this.size = all.length - cut;
  }

  /** The text kept (UTF-8), prefixed with a note when the start was dropped. */
  text(): string {
    this.compact();
    const body = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped > 0 ? `[... ${this.dropped} bytes dropped ...]\n${body}` : body;
  }
}

/** Last `max` characters of `text` (whole text when shorter). */
export function tail(text: string | undefined, max = 2000): string {
  if (!text) return '';
  return text.length <= max ? text : text.slice(text.length - max);
}
