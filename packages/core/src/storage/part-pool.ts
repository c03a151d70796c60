import { allocSharedBuffer } from './hash-worker.js';

/** How a {@link PartPool} allocates. */
export interface PartPoolOptions {
  /** Allocate `SharedArrayBuffer`-backed buffers, which {@link OffThreadHash} reads in place. */
  shared?: boolean | undefined;
}

/**
 * The part buffers of one multipart upload (S3 parts, Azure blocks): at most `count` buffers,
 * allocated on first need and reused, so an upload's memory is `count × part size` however large
 * the object, with no per-part garbage. `acquire` waits while all are in use; when the part size
 * grows, smaller buffers are dropped as they come back. One producer acquires at a time.
 */
export class PartPool {
  readonly #count: number;
  readonly #shared: boolean;
  readonly #free: Buffer[] = [];
  #allocated = 0;
  #wake: (() => void) | undefined;

  /** @param count - buffers at most (parts in flight + the one being filled). */
  constructor(count: number, options: PartPoolOptions = {}) {
    this.#count = count;
    this.#shared = options.shared === true;
  }

  /** A free buffer of at least `size` bytes (contents undefined), waiting for one to come back when all are in use. */
  async acquire(size: number): Promise<Buffer> {
    for (;;) {
      const b = this.#free.pop();
      if (b !== undefined && b.length >= size) return b;
      if (b !== undefined) this.#allocated--;
      if (this.#allocated < this.#count) {
        this.#allocated++;
        return this.#shared ? allocSharedBuffer(size) : Buffer.allocUnsafeSlow(size);
      }
      await new Promise<void>((r) => (this.#wake = r));
    }
  }

  /** Gives a buffer back (its part is done: sent or failed). */
  release(b: Buffer): void {
    this.#free.push(b);
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}
