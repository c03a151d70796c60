import { randomBytes } from 'node:crypto';
import { SimulatorServer, type Fault, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { authorize, type Permission } from './auth.js';
import { getBlob, putBlob } from './blob-ops.js';
import { decodeMarker, listBlobsXml, listContainersXml } from './listing.js';
import { BlobError, emptyReply, errorReply, fail, xmlReply } from './replies.js';
import { BlobState, newEtag, type SimContainer } from './state.js';

/** Options of {@link AzureBlobSimulator.start}. */
export interface AzureBlobSimulatorOptions {
  /** Account name (default `devstoreaccount1`, as Azurite). */
  account?: string | undefined;
  /** Account key, base64 (default: random). */
  key?: string | undefined;
  /** Largest `maxresults` a listing page holds (default 5000, the service's cap). */
  maxPageSize?: number | undefined;
  /** How long a Copy Blob stays `pending` (default 0: copies complete at once). */
  copyDelayMs?: number | undefined;
}

/**
 * An Azure Blob service on loopback, path-style like Azurite (`http://127.0.0.1:<port>/<account>`):
 * verifies SharedKey signatures and service SAS tokens (signature, expiry, scope, permissions),
 * answers with the service's XML error bodies and `x-ms-error-code`, pages listings with
 * `marker`/`maxresults` (and `delimiter` prefixes), stores block blobs (Put Blob, Put Block,
 * Put Block List, verifying `Content-MD5`), metadata, properties, ranges and Copy Blob. Unknown
 * routes and query operations are 400s.
 */
export class AzureBlobSimulator {
  /** Blob endpoint including the account (`http://127.0.0.1:<port>/<account>`). */
  readonly endpoint: string;
  /** Account name. */
  readonly account: string;
  /** The account's state (containers and blobs), for tests. */
  readonly state = new BlobState();
  readonly #key: string;
  readonly #maxPage: number;
  readonly #copyDelayMs: number;
  #server!: SimulatorServer;

  private constructor(options: AzureBlobSimulatorOptions, endpointBase: string) {
    this.account = options.account ?? 'devstoreaccount1';
    this.#key = options.key ?? randomBytes(64).toString('base64');
    this.#maxPage = options.maxPageSize ?? 5000;
    this.#copyDelayMs = options.copyDelayMs ?? 0;
    this.endpoint = `${endpointBase}/${this.account}`;
  }

  /** Starts a simulator on 127.0.0.1 (port 0). */
  static async start(options: AzureBlobSimulatorOptions = {}): Promise<AzureBlobSimulator> {
    const holder: { sim?: AzureBlobSimulator } = {};
    const server = await SimulatorServer.start((req) => holder.sim!.#handle(req));
    const sim = new AzureBlobSimulator(options, server.url);
    sim.#server = server;
    holder.sim = sim;
    return sim;
  }

  /** The account key (base64), as a test passes it to the driver. */
  get key(): string {
    return this.#key;
  }

  /** The underlying server (request log, faults). */
  get server(): SimulatorServer {
    return this.#server;
  }

  /** Adds a fault (see `@cloudmux/core/testing`). */
  injectFault(fault: Fault): void {
    this.#server.injectFault(fault);
  }

  /** A connection string for this simulator (`AZURE_STORAGE_CONNECTION_STRING`). */
  connectionString(): string {
    return `DefaultEndpointsProtocol=http;AccountName=${this.account};AccountKey=${this.#key};BlobEndpoint=${this.endpoint};`;
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.#server.close();
  }

  async #handle(req: SimulatorRequest): Promise<SimulatorReply> {
    try {
      return this.#route(req);
    } catch (e) {
      if (e instanceof BlobError) return e.reply;
      throw e;
    }
  }

  #route(req: SimulatorRequest): SimulatorReply {
    const rawPath = req.rawPath.split('?')[0]!;
    const parts = rawPath.split('/').slice(1);
    if (parts[0] !== this.account)
      return errorReply(
        400,
        'InvalidUri',
        `The requested URI does not represent any resource on the server (account "${parts[0] ?? ''}").`,
      );
    const container = parts[1] ? decodeURIComponent(parts[1]) : undefined;
    const blob = parts.length > 2 ? parts.slice(2).map(decodeURIComponent).join('/') : undefined;
    const q = req.url.searchParams;
    const auth = (need: Permission): void => authorize(req, this.account, this.#key, { container, blob }, need);
    if (container === undefined) {
      if (req.method === 'GET' && q.get('comp') === 'list') {
        auth('account');
        return xmlReply(
          listContainersXml(this.endpoint, this.state, {
            prefix: q.get('prefix') ?? '',
            marker: decodeMarker(q.get('marker')),
            rawMarker: q.get('marker') ?? '',
            max: this.#max(q.get('maxresults')),
          }),
        );
      }
      return errorReply(400, 'InvalidQueryParameterValue', `Unsupported account operation ${req.method} ${req.rawPath}`);
    }
    if (blob === undefined) return this.#containerOp(req, container, auth);
    return this.#blobOp(req, container, blob, auth);
  }

  #max(v: string | null): number {
    if (v === null) return this.#maxPage;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      fail(
        400,
        'OutOfRangeQueryParameterValue',
        'One of the query parameters specified in the request URI is outside the permissible range.',
      );
    return Math.min(n, this.#maxPage);
  }

  #getContainer(name: string): SimContainer {
    const c = this.state.containers.get(name);
    if (!c) fail(404, 'ContainerNotFound', 'The specified container does not exist.');
    return c;
  }

  #containerOp(req: SimulatorRequest, name: string, auth: (p: Permission) => void): SimulatorReply {
    const q = req.url.searchParams;
    if (q.get('restype') !== 'container')
      return errorReply(400, 'InvalidQueryParameterValue', 'restype=container is required on a container URL.');
    const comp = q.get('comp');
    if (req.method === 'PUT' && comp === null) {
      auth('account');
      if (!/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/.test(name))
        fail(400, 'InvalidResourceName', 'The specified resource name contains invalid characters.');
      if (this.state.containers.has(name)) fail(409, 'ContainerAlreadyExists', 'The specified container already exists.');
      const c: SimContainer = { name, etag: newEtag(), lastModified: new Date(), blobs: new Map(), blocks: new Map() };
      this.state.containers.set(name, c);
      return emptyReply(201, { etag: c.etag, 'last-modified': c.lastModified.toUTCString() });
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && comp === null) {
      auth('account');
      const c = this.#getContainer(name);
      return emptyReply(200, { etag: c.etag, 'last-modified': c.lastModified.toUTCString(), 'x-ms-lease-status': 'unlocked' });
    }
    if (req.method === 'DELETE' && comp === null) {
      auth('account');
      this.#getContainer(name);
      this.state.containers.delete(name);
      return emptyReply(202);
    }
    if (req.method === 'GET' && comp === 'list') {
      auth('l');
      const c = this.#getContainer(name);
      const include = (q.get('include') ?? '').split(',');
      return xmlReply(
        listBlobsXml(this.endpoint, c, {
          prefix: q.get('prefix') ?? '',
          delimiter: q.get('delimiter') || undefined,
          marker: decodeMarker(q.get('marker')),
          rawMarker: q.get('marker') ?? '',
          max: this.#max(q.get('maxresults')),
          withMeta: include.includes('metadata'),
        }),
      );
    }
    return errorReply(400, 'UnsupportedQueryParameter', `Unsupported container operation ${req.method} comp=${comp ?? ''}`);
  }

  #blobOp(req: SimulatorRequest, container: string, name: string, auth: (p: Permission) => void): SimulatorReply {
    if (req.method === 'PUT') {
      auth(req.url.searchParams.get('comp') === null && !req.headers['x-ms-copy-source'] ? 'c' : 'w');
      return putBlob(this.state, this.#getContainer(container), name, req, this.#copyDelayMs, this.account);
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      auth('r');
      if (req.url.searchParams.get('comp') !== null)
        return errorReply(400, 'UnsupportedQueryParameter', 'Unsupported blob read operation.');
      const b = this.#getContainer(container).blobs.get(name);
      if (!b) fail(404, 'BlobNotFound', 'The specified blob does not exist.');
      return getBlob(b, req);
    }
    if (req.method === 'DELETE') {
      auth('d');
      const c = this.#getContainer(container);
      if (!c.blobs.delete(name)) fail(404, 'BlobNotFound', 'The specified blob does not exist.');
      return emptyReply(202, { 'x-ms-delete-type-permanent': 'true' });
    }
    return errorReply(405, 'UnsupportedHttpVerb', `The resource doesn't support the specified HTTP verb ${req.method}.`);
  }
}
