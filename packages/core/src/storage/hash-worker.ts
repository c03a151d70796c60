import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { ChecksumAlgorithm } from './checksum.js';

/*
 * One hashing thread per process, shared by every driver: the MD5 of 256 MiB costs about 0.4 s of
 * CPU, which on the event loop would stall the transfer by as much. The thread is started on first
 * use and unref'd while idle (it never keeps a process alive); bytes reach it as views of
 * `SharedArrayBuffer`s, so nothing is copied between threads. Where no thread can start, hashing
 * runs in line: results never depend on the thread.
 *
 * The worker's source is CommonJS evaluated from a string (`eval: true`), so it runs the same from
 * the built `dist/` and from the TypeScript sources under a test runner (no script file to locate).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'drop') { hashes.delete(m.hash); return; }
  try {
    let h = hashes.get(m.hash);
    if (h === undefined) { h = createHash(m.algorithm); hashes.set(m.hash, h); }
    let block;
    if (m.length > 0) {
      const view = new Uint8Array(m.buffer, m.offset, m.length);
      h.update(view);
      if (m.block) block = createHash(m.algorithm).update(view).digest('hex');
    }
    let digest;
    if (m.final) { digest = h.digest('hex'); hashes.delete(m.hash); }
    parentPort.postMessage({ id: m.id, block, digest });
  } catch (e) {
    hashes.delete(m.hash);
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

interface Reply {
  id: number;
  block?: string;
  digest?: string;
  error?: string;
}

interface UpdateMessage {
  op: 'update';
  hash: number;
  algorithm: ChecksumAlgorithm;
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

/** One running worker; when it dies, the hashes it held die with it (their next request fails). */
class HashThread {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiter>();
  #id = 0;
  #failure: Error | undefined;

  constructor(onExit: (t: HashThread) => void) {
    // No inherited flags: the source must stay CommonJS even under \`--input-type=module\`, and profiling flags
    // have no business in a hashing thread.
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'cloudmux-hash', execArgv: [] });
    worker.on('message', (r: Reply) => {
      const w = this.#waiting.get(r.id);
      if (w === undefined) return;
      this.#waiting.delete(r.id);
      if (this.#waiting.size === 0) worker.unref();
      if (r.error !== undefined) w.reject(new Error(`hash worker: ${r.error}`));
      else w.resolve(r);
    });
    const fail = (err: Error): void => {
      this.#failure ??= err;
      onExit(this);
      const waiting = [...this.#waiting.values()];
      this.#waiting.clear();
      for (const w of waiting) w.reject(this.#failure);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`hash worker exited with code ${code}`)));
    // After the listeners: adding a 'message' listener refs the worker again.
    worker.unref();
    this.#worker = worker;
  }

  /** Sends a request; pending requests keep the process alive, an idle thread does not. */
  request(msg: UpdateMessage): Promise<Reply> {
    if (this.#failure !== undefined) return Promise.reject(new Error(`hash worker stopped during this transfer: ${this.#failure.message}`));
    const id = ++this.#id;
    return new Promise<Reply>((resolve, reject) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ ...msg, id });
    });
  }

  drop(hash: number): void {
    if (this.#failure === undefined) this.#worker.postMessage({ op: 'drop', hash });
  }
}

let current: HashThread | undefined;
let unavailable = false;
let nextHash = 0;

/** The running thread, started if needed; `undefined` when threads cannot start here (for good). */
function hashThread(): HashThread | undefined {
  if (current !== undefined || unavailable) return current;
  try {
    current = new HashThread((t) => {
      if (current === t) current = undefined;
    });
  } catch {
    unavailable = true;
  }
  return current;
}

const EMPTY = new SharedArrayBuffer(0);

/** A Buffer over new shared memory (`size` bytes, not zeroed by contract): what {@link OffThreadHash} reads in place. */
export function allocSharedBuffer(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}

/**
 * A running hash (MD5 or SHA-256) computed on the process-wide hashing thread, so that hashing a
 * large transfer runs beside the I/O instead of on the event loop. Feed bytes in order with
 * `update` (views of `SharedArrayBuffer`s, e.g. from {@link allocSharedBuffer}, are read in place;
 * other bytes are copied once); each `update` resolves when the thread has read them, so their
 * memory can be reused. Where no thread can start, the same hash is computed in line.
 */
export class OffThreadHash {
  /** Digest algorithm. */
  readonly algorithm: ChecksumAlgorithm;
  readonly #id = ++nextHash;
  readonly #thread: HashThread | undefined;
  readonly #inline: Hash | undefined;
  #done = false;

  constructor(algorithm: ChecksumAlgorithm) {
    this.algorithm = algorithm;
    this.#thread = hashThread();
    if (this.#thread === undefined) this.#inline = createHash(algorithm);
  }

  /** Whether this hash runs on the hashing thread (else in line, and `update` resolves at once). */
  get offThread(): boolean {
    return this.#thread !== undefined;
  }

  /**
   * Adds `bytes`. With `block`, resolves with the hex digest of just these bytes too (a part's or
   * block's own checksum), computed in the same pass; otherwise with `undefined`.
   */
  async update(bytes: Uint8Array, block = false): Promise<string | undefined> {
    if (this.#inline !== undefined) {
      this.#inline.update(bytes);
      return block ? createHash(this.algorithm).update(bytes).digest('hex') : undefined;
    }
    const view = bytes.buffer instanceof SharedArrayBuffer ? bytes : copyToShared(bytes);
    const r = await this.#thread!.request({
      op: 'update',
      hash: this.#id,
      algorithm: this.algorithm,
      buffer: view.buffer as SharedArrayBuffer,
      offset: view.byteOffset,
      length: view.byteLength,
      block,
      final: false,
    });
    return r.block;
  }

  /** The hex digest of everything added (the hash is finished). */
  async digest(): Promise<string> {
    this.#done = true;
    if (this.#inline !== undefined) return this.#inline.digest('hex');
    const r = await this.#thread!.request({
      op: 'update',
      hash: this.#id,
      algorithm: this.algorithm,
      buffer: EMPTY,
      offset: 0,
      length: 0,
      block: false,
      final: true,
    });
    if (r.digest === undefined) throw new Error('hash worker: no digest');
    return r.digest;
  }

  /** Abandons the hash (a transfer that failed or stopped early); its state on the thread is freed. */
  discard(): void {
    if (this.#done) return;
    this.#done = true;
    this.#thread?.drop(this.#id);
  }
}

function copyToShared(bytes: Uint8Array): Buffer {
  const copy = allocSharedBuffer(bytes.byteLength);
  copy.set(bytes);
  return copy;
}
