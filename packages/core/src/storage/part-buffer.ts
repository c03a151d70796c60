/**
 * Cuts an upload stream into parts with bounded memory: chunks are collected until a part's worth
 * is there, then handed out as one buffer (S3 multipart parts, Azure blocks, Swift SLO segments).
 */
export class PartBuffer {
  #chunks: Buffer[] = [];
  #size = 0;

  /** Bytes held. */
  get size(): number {
    return this.#size;
  }

  /** Adds a chunk (strings as UTF-8; a Uint8Array is wrapped, not copied). */
  push(chunk: Uint8Array | string): void {
    const buf = toBuffer(chunk);
    this.#chunks.push(buf);
    this.#size += buf.length;
  }

  /** Takes the first `n` bytes (default: all held) as one buffer; the rest stays. */
  take(n = this.#size): Buffer {
    const all = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks);
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.#chunks = rest.length > 0 ? [rest] : [];
    this.#size = rest.length;
    return out;
  }
}

/** A chunk as a Buffer without copying (strings as UTF-8). */
export function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk);
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
