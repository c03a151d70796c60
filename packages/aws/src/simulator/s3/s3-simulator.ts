import { SimulatorServer, type Fault, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { authenticateS3, type S3SimulatorCredentials } from './auth.js';
import { listBuckets, listV1, listV2 } from './listing.js';
import { abortUpload, completeUpload, createUpload, listUploads, uploadPart } from './multipart.js';
import { copyObject, getObject, putObject } from './objects.js';
import { emptyReply, errorReply, esc, fail, S3_XMLNS, S3SimError, xmlReply } from './replies.js';
import { S3State, type SimBucket } from './state.js';

export type { S3SimulatorCredentials } from './auth.js';

/** Options of {@link S3Simulator.start}. */
export interface S3SimulatorOptions {
  /** Accepted credentials (default: {@link DEFAULT_S3_CREDENTIALS}). */
  credentials?: readonly S3SimulatorCredentials[] | undefined;
  /** Region of this endpoint: buckets created without `LocationConstraint` live here (default `us-east-1`). */
  region?: string | undefined;
  /** Host suffix for virtual-hosted addressing: `Host: <bucket>.<suffix>[:port]` (default `localhost`). */
  virtualHostSuffix?: string | undefined;
  /** Largest listing page (default 1000, as S3). */
  maxKeys?: number | undefined;
  /** Smallest part but the last of a multipart upload (default 5 MiB, as S3; tests lower it). */
  minPartSize?: number | undefined;
  /** How long each UploadPart takes, in ms (default 0), to observe parts in flight. */
  partDelayMs?: number | undefined;
}

/** The simulator's default credentials. */
export const DEFAULT_S3_CREDENTIALS: S3SimulatorCredentials = Object.freeze({
  accessKeyId: 'AKIAS3SIMULATOR00001',
  secretAccessKey: 'cloudmux/s3/simulator/secret/key/0000001',
});

/** One call as the simulator understood it. */
export interface S3CallLogEntry {
  /** Operation (`PutObject`, `UploadPart`, `AbortMultipartUpload`…). */
  operation: string;
  bucket: string | undefined;
  key: string | undefined;
  /** Request headers (lower-case names). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Status answered. */
  status: number;
}

/**
 * An Amazon S3 REST endpoint on loopback: verifies SigV4 (header and presigned query, with the
 * declared `x-amz-content-sha256` checked against the body; `aws-chunked` refused with 501),
 * path-style and virtual-hosted (`Host`) addressing, real XML bodies and errors, ListObjectsV2/V1
 * paging, multipart uploads (create, part, complete, abort, list), copy, ranges, and a 301
 * `PermanentRedirect` for a bucket of another region. Unknown operations are 400/405.
 */
export class S3Simulator {
  /** Endpoint URL (`http://127.0.0.1:<port>`), path-style. */
  readonly endpoint: string;
  /** Region of the endpoint. */
  readonly region: string;
  /** Buckets and objects, for tests. */
  readonly state = new S3State();
  /** Every call, in order. */
  readonly calls: S3CallLogEntry[] = [];
  /** Most UploadPart calls being handled at once (with `partDelayMs`). */
  maxPartsInFlight = 0;
  readonly #credentials: Map<string, S3SimulatorCredentials>;
  readonly #suffix: string;
  readonly #maxKeys: number;
  readonly #minPartSize: number;
  readonly #partDelayMs: number;
  readonly #failParts = new Set<number>();
  #partsNow = 0;
  #server!: SimulatorServer;

  private constructor(options: S3SimulatorOptions, url: string) {
    this.endpoint = url;
    this.region = options.region ?? 'us-east-1';
    this.#credentials = new Map((options.credentials ?? [DEFAULT_S3_CREDENTIALS]).map((c) => [c.accessKeyId, c]));
    this.#suffix = options.virtualHostSuffix ?? 'localhost';
    this.#maxKeys = options.maxKeys ?? 1000;
    this.#minPartSize = options.minPartSize ?? 5 * 1024 * 1024;
    this.#partDelayMs = options.partDelayMs ?? 0;
  }

  /** Starts a simulator on 127.0.0.1 (port 0). */
  static async start(options: S3SimulatorOptions = {}): Promise<S3Simulator> {
    const holder: { sim?: S3Simulator } = {};
    const server = await SimulatorServer.start((req) => holder.sim!.#handle(req));
    const sim = new S3Simulator(options, server.url);
    sim.#server = server;
    holder.sim = sim;
    return sim;
  }

  /** The underlying server (request log, generic faults). */
  get server(): SimulatorServer {
    return this.#server;
  }

  /** Adds a generic fault (see `@cloudmux/core/testing`). */
  injectFault(fault: Fault): void {
    this.#server.injectFault(fault);
  }

  /** Makes every UploadPart of this part number fail with 400 `InvalidRequest` until {@link clearPartFailures}. */
  failPart(partNumber: number): void {
    this.#failParts.add(partNumber);
  }

  /** Removes the part failures. */
  clearPartFailures(): void {
    this.#failParts.clear();
  }

  /** Creates a bucket directly (e.g. in another region, to exercise redirects). */
  createBucket(name: string, region = this.region): void {
    this.state.buckets.set(name, { name, region, created: new Date(), objects: new Map(), uploads: new Map() });
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.#server.close();
  }

  async #handle(req: SimulatorRequest): Promise<SimulatorReply> {
    const { bucket, key } = this.#address(req);
    let operation = 'Unknown';
    let reply: SimulatorReply;
    try {
      const auth = await authenticateS3(req, this.#credentials);
      const routed = this.#route(req, bucket, key, auth.region);
      operation = routed.operation;
      reply = await routed.run();
    } catch (e) {
      if (!(e instanceof S3SimError)) throw e;
      reply = req.method === 'HEAD' ? { ...e.reply, body: '' } : e.reply;
    }
    this.calls.push({ operation, bucket, key, headers: req.headers, status: reply.status });
    return reply;
  }

  /** Bucket and key from a virtual-hosted `Host` or the path. */
  #address(req: SimulatorRequest): { bucket: string | undefined; key: string | undefined } {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const path = req.rawPath.split('?')[0] ?? '/';
    const segs = path.split('/').slice(1);
    const dec = (s: string): string => decodeURIComponent(s);
    if (host.endsWith(`.${this.#suffix}`)) {
      const bucket = host.slice(0, -this.#suffix.length - 1);
      const key = path.length > 1 ? dec(path.slice(1)) : undefined;
      return { bucket, key };
    }
    const bucket = segs[0] ? dec(segs[0]) : undefined;
    const key = segs.length > 1 && segs.slice(1).join('/') !== '' ? segs.slice(1).map(dec).join('/') : undefined;
    return { bucket, key };
  }

  #bucket(name: string, signedRegion: string, head: boolean): SimBucket {
    const b = this.state.buckets.get(name);
    if (!b) fail(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: name });
    if (b.region !== signedRegion) {
      if (head) throw new S3SimError(errorReply(301, 'PermanentRedirect', '', { Region: b.region }, true));
      fail(
        301,
        'PermanentRedirect',
        'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
        {
          Bucket: name,
          Endpoint: new URL(this.endpoint).host,
          Region: b.region,
        },
      );
    }
    return b;
  }

  #route(
    req: SimulatorRequest,
    bucket: string | undefined,
    key: string | undefined,
    region: string,
  ): { operation: string; run: () => SimulatorReply | Promise<SimulatorReply> } {
    const q = req.url.searchParams;
    const m = req.method;
    const op = (
      operation: string,
      run: () => SimulatorReply | Promise<SimulatorReply>,
    ): { operation: string; run: () => SimulatorReply | Promise<SimulatorReply> } => ({ operation, run });
    if (bucket === undefined) {
      if (m === 'GET') return op('ListBuckets', () => listBuckets(this.state, [...this.#credentials.keys()][0] ?? 'owner', q));
      return op('Unknown', () => fail(405, 'MethodNotAllowed', `The specified method is not allowed against this resource: ${m} /`));
    }
    if (key === undefined) return this.#bucketRoute(req, bucket, region, op);
    const b = (): SimBucket => this.#bucket(bucket, region, m === 'HEAD');
    if (m === 'PUT' && q.has('partNumber')) return op('UploadPart', () => this.#part(b(), key, req));
    if (m === 'PUT' && req.headers['x-amz-copy-source'] !== undefined) return op('CopyObject', () => copyObject(this.state, b(), key, req));
    if (m === 'PUT') return op('PutObject', () => putObject(b(), key, req));
    if (m === 'GET' || m === 'HEAD') return op(m === 'GET' ? 'GetObject' : 'HeadObject', () => getObject(b(), key, req));
    if (m === 'POST' && q.has('uploads')) return op('CreateMultipartUpload', () => createUpload(b(), key, req));
    if (m === 'POST' && q.has('uploadId')) return op('CompleteMultipartUpload', () => completeUpload(b(), key, req, this.#minPartSize));
    if (m === 'DELETE' && q.has('uploadId')) return op('AbortMultipartUpload', () => abortUpload(b(), key, req));
    if (m === 'DELETE')
      return op('DeleteObject', () => {
        b().objects.delete(key);
        return emptyReply(204);
      });
    return op('Unknown', () => fail(405, 'MethodNotAllowed', `The specified method is not allowed against this resource: ${m}`));
  }

  #bucketRoute(
    req: SimulatorRequest,
    name: string,
    region: string,
    op: (
      operation: string,
      run: () => SimulatorReply | Promise<SimulatorReply>,
    ) => { operation: string; run: () => SimulatorReply | Promise<SimulatorReply> },
  ): { operation: string; run: () => SimulatorReply | Promise<SimulatorReply> } {
    const q = req.url.searchParams;
    const m = req.method;
    if (m === 'PUT') return op('CreateBucket', () => this.#createBucket(req, name, region));
    if (m === 'HEAD')
      return op('HeadBucket', () => {
        const b = this.#bucket(name, region, true);
        return emptyReply(200, { 'x-amz-bucket-region': b.region });
      });
    if (m === 'DELETE')
      return op('DeleteBucket', () => {
        const b = this.#bucket(name, region, false);
        if (b.objects.size > 0) fail(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', { BucketName: name });
        this.state.buckets.delete(name);
        return emptyReply(204);
      });
    if (m === 'GET' && q.has('location'))
      return op('GetBucketLocation', () => {
        const b = this.state.buckets.get(name);
        if (!b) fail(404, 'NoSuchBucket', 'The specified bucket does not exist.', { BucketName: name });
        return xmlReply(`<LocationConstraint ${S3_XMLNS}>${b.region === 'us-east-1' ? '' : esc(b.region)}</LocationConstraint>`);
      });
    if (m === 'GET' && q.has('uploads')) return op('ListMultipartUploads', () => listUploads(this.#bucket(name, region, false)));
    if (m === 'GET' && q.get('list-type') === '2')
      return op('ListObjectsV2', () => listV2(this.state, this.#bucket(name, region, false), q, this.#maxKeys));
    if (m === 'GET' && ![...q.keys()].some((k) => !['prefix', 'delimiter', 'marker', 'max-keys', 'encoding-type'].includes(k)))
      return op('ListObjects', () => listV1(this.state, this.#bucket(name, region, false), q, this.#maxKeys));
    return op('Unknown', () => fail(400, 'InvalidRequest', `Unsupported bucket operation ${m} ?${q.toString()}`));
  }

  #createBucket(req: SimulatorRequest, name: string, signedRegion: string): SimulatorReply {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name))
      fail(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: name });
    const body = req.body.toString('utf8');
    const lc = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(body)?.[1];
    const region = lc || 'us-east-1';
    if (region !== signedRegion)
      fail(
        400,
        'IllegalLocationConstraintException',
        `The ${region} location constraint is incompatible for the region specific endpoint this request was sent to.`,
        { Region: signedRegion },
      );
    if (this.state.buckets.has(name))
      fail(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', {
        BucketName: name,
      });
    this.createBucket(name, region);
    return emptyReply(200, { location: `/${name}` });
  }

  async #part(b: SimBucket, key: string, req: SimulatorRequest): Promise<SimulatorReply> {
    const n = Number(req.url.searchParams.get('partNumber'));
    this.#partsNow++;
    this.maxPartsInFlight = Math.max(this.maxPartsInFlight, this.#partsNow);
    try {
      if (this.#partDelayMs > 0) await new Promise((r) => setTimeout(r, this.#partDelayMs));
      if (this.#failParts.has(n)) fail(400, 'InvalidRequest', `Injected failure of part ${n}`);
      return uploadPart(b, key, req);
    } finally {
      this.#partsNow--;
    }
  }
}
