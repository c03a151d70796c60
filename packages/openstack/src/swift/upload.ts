/**
 * Uploads with bounded memory: one PUT for small objects, a static large object (segments in
 * `<container>_segments`, then a manifest) for large ones. Nothing is visible under the object's name until
 * the final PUT succeeds; a failed SLO upload deletes the segments it stored.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { HttpHeaders } from '@cloudmux/core/http';
import { throwIfAborted } from '@cloudmux/core';
import { InvalidArgumentError, ProviderError } from '@cloudmux/core/errors';
import {
  type HashedPart,
  HashedPartWriter,
  HashingStream,
  OFF_THREAD_MIN_BYTES,
  OffThreadHashingStream,
  PartBuffer,
  toBuffer,
  uploadMismatch,
} from '@cloudmux/core/storage';
import type { SwiftClient } from './client.js';
import { metaHeaders } from './to-object.js';

/** What {@link uploadSwiftObject} stores. */
export interface SwiftUpload {
  container: string;
  name: string;
  source: Readable | AsyncIterable<Uint8Array>;
  /** Byte count when known in advance (a file, a buffer); streams of unknown length become SLOs once they outgrow one segment. */
  knownSize: number | undefined;
  contentType: string;
  meta: Readonly<Record<string, string>>;
  /** Expected hex MD5 (the `md5` option). */
  md5: string | undefined;
  /** Objects above this many bytes become static large objects. */
  sloThreshold: number;
  segmentSize: number;
  segmentConcurrency: number;
  signal: AbortSignal | undefined;
  provider: string;
}

/** What the upload stored. */
export interface UploadedSwiftObject {
  size: number;
  /** Hex MD5 of the bytes. */
  md5: string;
  headers: HttpHeaders;
  /** Whether it was stored as a static large object. */
  slo: boolean;
}

/** The container an object's SLO segments go to. */
export function segmentContainerOf(container: string): string {
  return `${container}_segments`;
}

function objectHeaders(u: SwiftUpload): Record<string, string> {
  return { 'content-type': u.contentType, ...metaHeaders(u.meta) };
}

const GiB = 1024 ** 3;
/** After the first GiB, the segment size doubles after each run of this many segments (Swift's default manifest limit is 1,000). */
const SEGMENTS_PER_SIZE = 100;
const MAX_SEGMENT = 5 * GiB;

/**
 * The size of segment `index` (from 0): `segmentSize` for the first GiB, then doubled after every
 * {@link SEGMENTS_PER_SIZE} segments, at most 5 GiB. Small segments keep memory low for ordinary
 * objects; the growth lets a stream of unknown length fit in Swift's segment limit.
 */
export function segmentSizeOf(segmentSize: number, index: number): number {
  const first = Math.max(1, Math.floor(GiB / segmentSize));
  if (index < first) return segmentSize;
  return Math.min(MAX_SEGMENT, segmentSize * 2 ** (1 + Math.floor((index - first) / SEGMENTS_PER_SIZE)));
}

/** Segments of one static large object at most: Swift's default `max_manifest_segments`. */
export const MAX_SLO_SEGMENTS = 1000;

/** Bytes that {@link MAX_SLO_SEGMENTS} segments hold, starting at `segmentSize`. */
export function sloCapacity(segmentSize: number): number {
  let total = 0;
  for (let i = 0; i < MAX_SLO_SEGMENTS; i++) total += segmentSizeOf(segmentSize, i);
  return total;
}

/**
 * The first segment size for an object of `size` bytes (`undefined`: unknown): `segmentSize`, doubled
 * until the object fits in {@link MAX_SLO_SEGMENTS} segments; `undefined` when not even 5 GiB segments
 * hold it.
 */
export function baseSegmentSize(segmentSize: number, size: number | undefined): number | undefined {
  if (size === undefined) return segmentSize;
  let s = segmentSize;
  while (sloCapacity(s) < size) {
    if (s >= MAX_SEGMENT) return undefined;
    s = Math.min(MAX_SEGMENT, s * 2);
  }
  return s;
}

function tooLarge(u: SwiftUpload, what: string): InvalidArgumentError {
  return new InvalidArgumentError(
    `${u.provider}: ${u.container}/${u.name} ${what}: a static large object holds at most ${MAX_SLO_SEGMENTS} segments (Swift's ` +
      `default) and segmentSize ${u.segmentSize} fits ${sloCapacity(u.segmentSize)} bytes; give a larger segmentSize (up to 5 GiB)`,
  );
}

/** Stores `u.source` as `u.container/u.name` (see the module comment). */
export async function uploadSwiftObject(client: SwiftClient, u: SwiftUpload): Promise<UploadedSwiftObject> {
  throwIfAborted(u.signal);
  if (u.knownSize !== undefined && u.knownSize <= u.sloThreshold) return putStreamed(client, u);
  // Unknown length: buffer at most one segment before deciding. Known and above the threshold: SLO from the start.
  const single = Math.min(u.sloThreshold, u.segmentSize);
  const pending = new PartBuffer();
  let size = 0;
  if (u.knownSize !== undefined && baseSegmentSize(u.segmentSize, u.knownSize) === undefined)
    throw tooLarge(u, `(${u.knownSize} bytes) is too large even for 5 GiB segments`);
  let slo: SloWriter | undefined = u.knownSize !== undefined ? new SloWriter(client, u) : undefined;
  try {
    for await (const chunk of u.source) {
      throwIfAborted(u.signal);
      const buf = toBuffer(chunk);
      size += buf.length;
      if (slo) await slo.write(buf);
      else {
        pending.push(buf);
        if (size > single) {
          slo = new SloWriter(client, u);
          await slo.write(pending.take());
        }
      }
    }
    throwIfAborted(u.signal);
    if (!slo) {
      const body = pending.take();
      const md5 = createHash('md5').update(body).digest('hex');
      if (u.md5 !== undefined && u.md5 !== md5) throw uploadMismatch(`${u.container}/${u.name}`, 'md5', u.md5, md5, u.provider);
      const res = await client.send({
        method: 'PUT',
        container: u.container,
        object: u.name,
        headers: { ...objectHeaders(u), etag: md5 },
        body,
        action: `upload ${u.container}/${u.name}`,
        signal: u.signal,
      });
      return { size, md5, headers: res.headers, slo: false };
    }
    const { md5, headers } = await slo.finish();
    return { size, md5, headers, slo: true };
  } catch (err) {
    await slo?.discard();
    throw err;
  }
}

/**
 * One PUT of a source whose length is known, streamed through an MD5 (on core's hashing thread from
 * {@link OFF_THREAD_MIN_BYTES} on, so hashing overlaps the transfer); Swift checks `ETag` when `md5`
 * is given, and the ETag it answers is checked against the MD5 of what was sent.
 */
async function putStreamed(client: SwiftClient, u: SwiftUpload): Promise<UploadedSwiftObject> {
  const hasher = u.knownSize! >= OFF_THREAD_MIN_BYTES ? new OffThreadHashingStream('md5', { size: u.knownSize }) : new HashingStream('md5');
  let sourceError: unknown;
  const src = u.source instanceof Readable ? u.source : Readable.from(u.source);
  src.on('error', (e) => {
    sourceError ??= e;
    hasher.destroy(e as Error);
  });
  src.pipe(hasher);
  const headers: Record<string, string> = { ...objectHeaders(u), 'content-length': String(u.knownSize) };
  if (u.md5 !== undefined) headers.etag = u.md5;
  let res;
  try {
    res = await client.send({
      method: 'PUT',
      container: u.container,
      object: u.name,
      headers,
      body: hasher,
      idempotent: false,
      action: `upload ${u.container}/${u.name}`,
      signal: u.signal,
    });
  } catch (err) {
    throw sourceError ?? err;
  }
  // A success means every byte passed the hasher (which took its digest then: got may destroy it before its end).
  if (hasher.size !== u.knownSize) {
    hasher.destroy();
    throw new ProviderError(
      `${u.provider}: ${u.container}/${u.name}: the server answered ${res.status} after ${hasher.size} of ${u.knownSize} bytes`,
      { status: res.status, method: 'PUT' },
    );
  }
  const md5 = await hasher.digest();
  const etag = typeof res.headers.etag === 'string' ? res.headers.etag.replace(/"/g, '') : undefined;
  if (etag !== undefined && etag !== md5) {
    // Swift stored other bytes than the ones sent: remove them rather than leave a corrupt object.
    await client.send({ method: 'DELETE', container: u.container, object: u.name, action: 'delete corrupt upload' }).catch(() => undefined);
    throw uploadMismatch(`${u.container}/${u.name}`, 'md5', md5, etag, u.provider);
  }
  return { size: hasher.size, md5, headers: res.headers, slo: false };
}

interface Segment {
  path: string;
  etag: string;
  size_bytes: number;
}

/**
 * Uploads segments through core's {@link HashedPartWriter} (each hashed on the hashing thread and
 * sent with its MD5 as `ETag`, which Swift checks; at most `segmentConcurrency` at once), then writes
 * the manifest; `discard` deletes what it stored.
 */
class SloWriter {
  readonly #client: SwiftClient;
  readonly #u: SwiftUpload;
  readonly #segContainer: string;
  readonly #prefix: string;
  readonly #segments: Segment[] = [];
  readonly #parts: HashedPartWriter;
  #containerReady: Promise<unknown> | undefined;

  constructor(client: SwiftClient, u: SwiftUpload) {
    this.#client = client;
    this.#u = u;
    this.#segContainer = segmentContainerOf(u.container);
    this.#prefix = `${u.name}/slo/${Date.now()}-${randomBytes(4).toString('hex')}/`;
    // A known size picks segments large enough to fit; a stream starts at segmentSize.
    const base = baseSegmentSize(u.segmentSize, u.knownSize) ?? u.segmentSize;
    this.#parts = new HashedPartWriter({
      partsInFlight: u.segmentConcurrency,
      partSize: (index) => {
        if (index >= MAX_SLO_SEGMENTS) throw tooLarge(u, 'outgrew its segments');
        return segmentSizeOf(base, index);
      },
      signal: u.signal,
      send: (part) => this.#sendSegment(part),
    });
  }

  /** Adds bytes; every segment that fills up is sent. */
  write(data: Buffer): Promise<void> {
    return this.#parts.write(data);
  }

  /** Sends the last segment, waits for all, checks the whole MD5 against an expected one, then PUTs the manifest (`?multipart-manifest=put`). */
  async finish(): Promise<{ md5: string; headers: HttpHeaders }> {
    const { md5 } = await this.#parts.finish();
    if (this.#u.md5 !== undefined && this.#u.md5 !== md5)
      throw uploadMismatch(`${this.#u.container}/${this.#u.name}`, 'md5', this.#u.md5, md5, this.#u.provider);
    throwIfAborted(this.#u.signal);
    const res = await this.#client.send({
      method: 'PUT',
      container: this.#u.container,
      object: this.#u.name,
      query: { 'multipart-manifest': 'put' },
      headers: { ...objectHeaders(this.#u), 'content-type': this.#u.contentType },
      body: Buffer.from(JSON.stringify(this.#segments)),
      action: `write SLO manifest of ${this.#u.container}/${this.#u.name}`,
      signal: this.#u.signal,
    });
    return { md5, headers: res.headers };
  }

  /** Deletes every segment stored so far (best effort; the ones in flight are aborted first). */
  async discard(): Promise<void> {
    await this.#parts.discard();
    // Every segment whose PUT started: a PUT that failed late may have landed.
    for (const [index, segment] of this.#segments.entries()) {
      if (segment === undefined) continue;
      const name = this.#segmentName(index);
      await this.#client
        .send({ method: 'DELETE', container: this.#segContainer, object: name, acceptStatus: [404], action: 'delete SLO segment' })
        .catch(() => undefined);
    }
  }

  /** The object name of segment `index` in the segment container. */
  #segmentName(index: number): string {
    return `${this.#prefix}${String(index).padStart(8, '0')}`;
  }

  /** PUTs one segment (creating the segment container before the first). */
  async #sendSegment({ index, body, md5, signal }: HashedPart): Promise<void> {
    this.#containerReady ??= this.#client.send({
      method: 'PUT',
      container: this.#segContainer,
      action: `create segment container ${this.#segContainer}`,
      signal: this.#u.signal,
    });
    await this.#containerReady;
    const name = this.#segmentName(index);
    this.#segments[index] = { path: `/${this.#segContainer}/${name}`, etag: md5, size_bytes: body.length };
    await this.#client.send({
      method: 'PUT',
      container: this.#segContainer,
      object: name,
      headers: { etag: md5, 'content-type': 'application/octet-stream' },
      body,
      action: `upload segment ${index} of ${this.#u.container}/${this.#u.name}`,
      signal,
    });
  }
}
