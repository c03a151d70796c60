import { Worker } from 'node:worker_threads';

/**
 * The hashing thread: MD5 states by stream id, fed with bytes in shared memory. Each message is
 * answered in order: `{ seq, block?, digest? }` (`block`: base64 MD5 of just these bytes, when
 * asked; `digest`: hex MD5 of the whole stream, when `final`), or `{ seq, error }`. Inline source
 * (CommonJS, Node built-ins only) so it runs the same from `dist/` and from the TypeScript sources.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const streams = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.op === 'drop') { streams.delete(m.stream); return; }
    let h = streams.get(m.stream);
    if (h === undefined) { h = createHash('md5'); streams.set(m.stream, h); }
    let block;
    if (m.length > 0) {
      const view = new Uint8Array(m.buffer, m.offset, m.length);
      h.update(view);
      if (m.block) block = createHash('md5').update(view).digest('base64');
    }
    let digest;
    if (m.final) { digest = h.digest('hex'); streams.delete(m.stream); }
    parentPort.postMessage({ seq: m.seq, block, digest });
  } catch (e) {
    streams.delete(m.stream);
    parentPort.postMessage({ seq: m.seq, error: String((e && e.message) || e) });
  }
});
`;

interface Reply {
  seq: number;
  block?: string;
  digest?: string;
  error?: string;
}

/** One update of a stream's hash. */
interface UpdateMessage {
  op: 'update';
  stream: number;
  buffer: SharedArrayBuffer;
  offset: number;
  length: number;
  block: boolean;
  final: boolean;
}

interface Waiter {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

/** The process's hashing thread, started on first use; keeps the process alive only while it has work. */
class HashThread {
  #worker: Worker | undefined;
  readonly #waiting = new Map<number, Waiter>();
  #seq = 0;
  #stream = 0;
  #firstStream = 0;

  /** A new stream id (ids are never reused, and belong to the thread that was running when they were made). */
  newStream(): number {
    this.#start();
    return ++this.#stream;
  }

  /** Sends one request; resolves with the answer. A stream whose thread has gone fails (its state went with it). */
  request(msg: UpdateMessage): Promise<Reply> {
    const worker = this.#worker;
    if (worker === undefined || msg.stream <= this.#firstStream)
      return Promise.reject(new Error('MD5 worker: the hashing thread stopped during this transfer'));
    const seq = ++this.#seq;
    return new Promise<Reply>((resolve, reject) => {
      if (this.#waiting.size === 0) worker.ref();
      this.#waiting.set(seq, { resolve, reject });
      worker.postMessage({ ...msg, seq });
    });
  }

  /** Forgets a stream's state (no answer). */
  drop(stream: number): void {
    this.#worker?.postMessage({ op: 'drop', stream });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    // Streams made before this thread started belong to a thread that is gone.
    this.#firstStream = this.#stream;
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'cloudmux-azure-md5' });
    worker.unref();
    worker.on('message', (r: Reply) => {
      const w = this.#waiting.get(r.seq);
      if (!w) return;
      this.#waiting.delete(r.seq);
      if (this.#waiting.size === 0) worker.unref();
      if (r.error !== undefined) w.reject(new Error(`MD5 worker: ${r.error}`));
      else w.resolve(r);
    });
    const fail = (err: Error): void => {
      if (this.#worker === worker) this.#worker = undefined;
      const waiting = [...this.#waiting.values()];
      this.#waiting.clear();
      for (const w of waiting) w.reject(err);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`MD5 worker exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }
}

let thread: HashThread | undefined;

/**
 * An MD5 computed on a worker thread, so that hashing a large transfer runs beside the I/O
 * instead of on the event loop. Bytes are given in order as views of `SharedArrayBuffer`s (no copy
 * crosses threads); each `update` resolves once the worker is done reading them, so the memory can
 * be reused. Updates are answered in the order they were made.
 */
export class OffThreadMd5 {
  readonly #thread: HashThread;
  readonly #stream: number;
  #done = false;

  constructor() {
    thread ??= new HashThread();
    this.#thread = thread;
    this.#stream = thread.newStream();
  }

  /**
   * Adds `bytes` (a view of a `SharedArrayBuffer`) to the hash. With `block`, resolves with the
   * base64 MD5 of just these bytes too (a `Content-MD5` header), computed in the same visit.
   */
  async update(bytes: Uint8Array, block = false): Promise<string | undefined> {
    const r = await this.#thread.request({
      op: 'update',
      stream: this.#stream,
      buffer: sharedBuffer(bytes),
      offset: bytes.byteOffset,
      length: bytes.byteLength,
      block,
      final: false,
    });
    return r.block;
  }

  /** The hex digest of everything added (the stream is finished). */
  async digest(): Promise<string> {
    this.#done = true;
    const r = await this.#thread.request({
      op: 'update',
      stream: this.#stream,
      buffer: EMPTY,
      offset: 0,
      length: 0,
      block: false,
      final: true,
    });
    if (r.digest === undefined) throw new Error('MD5 worker: no digest');
    return r.digest;
  }

  /** Abandons the hash (after a failure). */
  discard(): void {
    if (this.#done) return;
    this.#done = true;
    this.#thread.drop(this.#stream);
  }
}

const EMPTY = new SharedArrayBuffer(0);

function sharedBuffer(bytes: Uint8Array): SharedArrayBuffer {
  const b = bytes.buffer;
  if (!(b instanceof SharedArrayBuffer)) throw new TypeError('OffThreadMd5: bytes must be a view of a SharedArrayBuffer');
  return b;
}

/** A Buffer over new shared memory (`size` bytes, not zeroed by contract), for {@link OffThreadMd5}. */
export function sharedBufferOf(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}
