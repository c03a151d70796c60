import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * Off-thread hashing for download checks: the MD5 of 256 MiB takes about 0.4 s of CPU, which on the
 * event loop thread would stall the download pipeline by as much. One worker thread per process
 * (started on first use, never keeping the process alive) hashes bytes held in `SharedArrayBuffer`s,
 * so nothing is copied to it. Where no worker can be started the same hash is computed in line:
 * results never depend on the worker. (Uploads hash each part as it is filled, while earlier parts are
 * on the wire: no worker there.)
 */

// The worker's source (CommonJS, run with `eval`, so it works from the built package and under test runners alike).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const sessions = new Map();
parentPort.on('message', (m) => {
  try {
    if (m.op === 'update') {
      let h = sessions.get(m.session);
      if (h === undefined) sessions.set(m.session, (h = createHash(m.algorithm)));
      h.update(new Uint8Array(m.buffer, m.offset, m.length));
      parentPort.postMessage({ id: m.id });
    } else if (m.op === 'digest') {
      const h = sessions.get(m.session) ?? createHash(m.algorithm);
      sessions.delete(m.session);
      parentPort.postMessage({ id: m.id, digest: h.digest('hex') });
    } else if (m.op === 'drop') {
      sessions.delete(m.session);
    }
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
  }
});
`;

interface Reply {
  id: number;
  digest?: string;
  error?: string;
}

let worker: Worker | undefined;
let broken = false;
let nextId = 0;
const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();

function failAll(e: Error): void {
  broken = true;
  worker = undefined;
  for (const w of waiting.values()) w.reject(e);
  waiting.clear();
}

/** The shared worker, or `undefined` when none can run (then callers hash in line). */
function hashWorker(): Worker | undefined {
  if (worker !== undefined || broken) return worker;
  try {
    const w = new Worker(WORKER_SOURCE, { eval: true });
    w.unref();
    w.on('message', (r: Reply) => {
      const entry = waiting.get(r.id);
      if (entry === undefined) return;
      waiting.delete(r.id);
      if (waiting.size === 0) w.unref();
      if (r.error !== undefined) entry.reject(new Error(`hash worker: ${r.error}`));
      else entry.resolve(r);
    });
    w.on('error', (e) => failAll(e));
    w.on('exit', (code) => failAll(new Error(`hash worker exited with code ${code}`)));
    worker = w;
  } catch {
    broken = true;
  }
  return worker;
}

function ask(w: Worker, message: Record<string, unknown>): Promise<Reply> {
  const id = ++nextId;
  return new Promise<Reply>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    // Pending replies keep the process alive; an idle worker does not.
    if (waiting.size === 1) w.ref();
    w.postMessage({ ...message, id });
  });
}

/** Whether `b` lives in a `SharedArrayBuffer` (the worker can read it in place). */
function shared(b: Uint8Array): b is Uint8Array & { buffer: SharedArrayBuffer } {
  return typeof SharedArrayBuffer !== 'undefined' && b.buffer instanceof SharedArrayBuffer;
}

let nextSession = 0;

/**
 * A running hash of a stream, computed off-thread: `update` takes bytes in a `SharedArrayBuffer`
 * (resolved when the worker has read them, so the caller can reuse that memory); `digest` gives the hex
 * digest. Falls back to in-line hashing (for good) when the worker fails.
 */
export class OffThreadHash {
  readonly #algorithm: 'md5' | 'sha256';
  readonly #session = ++nextSession;
  #worker: Worker | undefined;
  #inline: Hash | undefined;
  #fed = false;

  constructor(algorithm: 'md5' | 'sha256') {
    this.#algorithm = algorithm;
    this.#worker = hashWorker();
    if (this.#worker === undefined) this.#inline = createHash(algorithm);
  }

  /** Whether hashing runs off-thread (else `update` hashes in line and resolves at once). */
  get offThread(): boolean {
    return this.#inline === undefined;
  }

  /** Adds bytes; resolved once they have been read. */
  async update(bytes: Uint8Array): Promise<void> {
    if (this.#inline === undefined && this.#worker !== undefined && shared(bytes)) {
      this.#fed = true;
      await ask(this.#worker, {
        op: 'update',
        session: this.#session,
        algorithm: this.#algorithm,
        buffer: bytes.buffer,
        offset: bytes.byteOffset,
        length: bytes.byteLength,
      });
      return;
    }
    if (this.#inline === undefined) {
      if (this.#fed) throw new Error('hash worker unavailable in the middle of a stream');
      this.#inline = createHash(this.#algorithm);
    }
    this.#inline.update(bytes);
  }

  /** The hex digest of everything added. */
  async digest(): Promise<string> {
    if (this.#inline !== undefined) return this.#inline.digest('hex');
    const r = await ask(this.#worker!, { op: 'digest', session: this.#session, algorithm: this.#algorithm });
    return r.digest ?? '';
  }

  /** Forgets the hash (a stream that ended early). */
  drop(): void {
    if (this.#inline === undefined && this.#fed) this.#worker?.postMessage({ op: 'drop', session: this.#session, id: 0 });
  }
}
