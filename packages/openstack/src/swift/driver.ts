import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { assertKnownOptions, throwIfAborted, type CallOptions, type Capabilities } from '@cloudmux/core';
import { AlreadyExistsError, BadRequestError, InvalidArgumentError } from '@cloudmux/core/errors';
import { contentLength } from '@cloudmux/core/http';
import {
  checkContentType,
  checkMd5Option,
  checkMeta,
  checkRange,
  checkTempUrlOptions,
  containerName,
  md5HexToBase64,
  plainChecksum,
  StorageDriver,
  uploadSource,
  verifyStreamOffThread,
  type Container,
  type ContainerRef,
  type CopyObjectOptions,
  type CreateContainerOptions,
  type DownloadObjectAsStreamOptions,
  type GetObjectOptions,
  type GetObjectTempUrlOptions,
  type ListContainerObjectsOptions,
  type ListContainerPrefixesOptions,
  type ObjectPrefix,
  type StorageMethod,
  type StorageObject,
  type UpdateObjectMetadataOptions,
  type UploadObjectOptions,
  type UploadObjectViaStreamOptions,
} from '@cloudmux/core/storage';
import { resolveOpenStackConfig, sessionOptionsFromConfig } from '../config/resolve.js';
import { IdentitySession } from '../identity/session.js';
import { createSwiftAuth, KeystoneSwiftAuth } from './auth.js';
import { OPENSTACK_SWIFT_CAPABILITIES } from './capabilities.js';
import { swiftPath, SwiftClient } from './client.js';
import { iterateSwiftContainers, iterateSwiftObjects, listAllSwiftObjects } from './listing.js';
import { checkContainerName, checkObjectName, guessContentType } from './names.js';
import { resolveSwiftOptions, type OpenStackSwiftDriverOptions, type ResolvedSwiftOptions } from './options.js';
import { OPENSTACK_SWIFT_PROVIDER } from './provider.js';
import { TempUrlSigner } from './temp-url.js';
import {
  containerExtraFromHeaders,
  metaHeaders,
  objectFromHeaders,
  toContainer,
  type SwiftContainerExtra,
  type SwiftObjectExtra,
} from './to-object.js';
import { uploadSwiftObject } from './upload.js';

const UPLOAD_KEYS = ['name', 'contentType', 'meta', 'verifyHash', 'md5', 'signal'];

/**
 * OpenStack Swift: containers and objects of one account over the Swift v1 API, authenticated by tempauth
 * v1.0 or Keystone v3. Listings are JSON pages (`limit`/`marker`); uploads above `sloThreshold` (and
 * streams longer than one segment) are stored as static large objects with bounded memory; temporary
 * URLs are Swift temp URLs signed with the account's `X-Account-Meta-Temp-URL-Key`.
 */
export class OpenStackSwiftStorageDriver extends StorageDriver {
  /** Provider definition. */
  static override readonly provider = OPENSTACK_SWIFT_PROVIDER;
  /** Supported portable methods. */
  static override readonly capabilities: Capabilities<StorageMethod> = OPENSTACK_SWIFT_CAPABILITIES;

  /** The user (tempauth `account:user`, or the Keystone user name). */
  readonly user: string;
  readonly #client: SwiftClient;
  readonly #options: ResolvedSwiftOptions;
  /** A session `fromEnv` made (closed with the driver). */
  #ownedSession: IdentitySession | undefined;
  readonly #tempUrl: TempUrlSigner;

  /**
   * @param user - tempauth `account:user`, or the Keystone user name (ignored with `options.session`).
   * @param key - tempauth key or Keystone password (kept private).
   * @param options - auth URL and version, Keystone project, region, SLO and paging settings.
   */
  constructor(user: string, key?: string, options?: OpenStackSwiftDriverOptions) {
    super();
    this.#options = resolveSwiftOptions(options);
    const o = options ?? {};
    this.user = typeof user === 'string' ? user : '';
    // The provider id of the concrete class (a subclass such as Rackspace Cloud Files names itself in errors).
    const provider = this.providerId;
    const auth = createSwiftAuth(user, key, o, this.#options, provider);
    // A Swift driver on a Keystone session connects with the session's TLS, retry and trace settings.
    const inherited = auth instanceof KeystoneSwiftAuth ? auth.session.connectionOptions() : undefined;
    this.#client = new SwiftClient(auth, { provider, timeoutMs: this.#options.timeoutMs, inherited });
    this.#tempUrl = new TempUrlSigner(this.#client);
  }

  /**
   * Builds a driver from the environment: `ST_AUTH`/`ST_USER`/`ST_KEY` (tempauth, as python-swiftclient),
   * else `SWIFT_AUTH_URL`/`SWIFT_USER`/`SWIFT_KEY`, else `OS_*` variables or clouds.yaml (`OS_CLOUD`) for Keystone.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, options: OpenStackSwiftDriverOptions = {}): OpenStackSwiftStorageDriver {
    const st = env.ST_AUTH ? ([env.ST_AUTH, env.ST_USER, env.ST_KEY] as const) : undefined;
    const sw = env.SWIFT_AUTH_URL ? ([env.SWIFT_AUTH_URL, env.SWIFT_USER, env.SWIFT_KEY] as const) : undefined;
    const tempauth = st ?? sw;
    if (tempauth) {
      const [authUrl, user, key] = tempauth;
      if (!user || !key) throw new InvalidArgumentError('OpenStackSwiftStorageDriver.fromEnv: set ST_USER and ST_KEY with ST_AUTH');
      return new OpenStackSwiftStorageDriver(user, key, { authVersion: '1.0', ...options, authUrl });
    }
    const config = resolveOpenStackConfig(env);
    const session = new IdentitySession(sessionOptionsFromConfig(config, { provider: OPENSTACK_SWIFT_PROVIDER.id }));
    const driver = new OpenStackSwiftStorageDriver(
      config.credentials.type === 'v3password' ? (config.credentials.username ?? '') : '',
      undefined,
      { region: config.region, interface: config.interface, ...options, session },
    );
    driver.#ownedSession = session;
    return driver;
  }

  /** Closes keep-alive connections. */
  close(): void {
    this.#client.close();
    this.#ownedSession?.close();
  }

  /** The account URL (`…/v1/AUTH_x`), authenticating when needed. */
  exGetStorageUrl(options: CallOptions = {}): Promise<string> {
    return this.#client.storageUrl(options.signal);
  }

  // ---- containers ----

  /** Containers of the account, every page. */
  override async *iterateContainers(options: CallOptions = {}): AsyncIterable<Container<SwiftContainerExtra>> {
    yield* iterateSwiftContainers(this.#client, this, this.#options.pageSize, options.signal);
  }

  /** A container (HEAD); `NotFoundError` if absent. */
  override async getContainer(name: string, options: CallOptions = {}): Promise<Container<SwiftContainerExtra>> {
    const c = checkContainerName(name);
    const res = await this.#client.send({ method: 'HEAD', container: c, action: `get container ${c}`, signal: options.signal });
    return toContainer(c, containerExtraFromHeaders(res.headers), this);
  }

  /** Creates a container; `AlreadyExistsError` if it exists (Swift answers 202 instead of 201). */
  override async createContainer(options: CreateContainerOptions): Promise<Container<SwiftContainerExtra>> {
    assertKnownOptions('createContainer', options, ['name', 'signal']);
    const c = checkContainerName(options?.name);
    const res = await this.#client.send({ method: 'PUT', container: c, action: `create container ${c}`, signal: options.signal });
    if (res.status === 202) throw new AlreadyExistsError(`Container "${c}" already exists`, { provider: this.providerId, status: 202 });
    return toContainer(c, {}, this);
  }

  /** Deletes an empty container; a non-empty one is refused (Swift 409 → `BadRequestError`). */
  override async deleteContainer(container: ContainerRef, options: CallOptions = {}): Promise<boolean> {
    const c = checkContainerName(containerName(container));
    try {
      await this.#client.send({ method: 'DELETE', container: c, action: `delete container ${c}`, signal: options.signal });
    } catch (err) {
      if (err instanceof BadRequestError && err.status === 409)
        throw new BadRequestError(`Container "${c}" is not empty: delete its objects first`, {
          provider: this.providerId,
          status: 409,
          providerCode: 'ContainerNotEmpty',
          requestId: err.requestId,
          cause: err,
        });
      throw err;
    }
    return true;
  }

  // ---- listing ----

  /** Objects in name order, every page, with `prefix` and `delimiter` (objects of that level only). */
  override async *iterateContainerObjects(
    container: ContainerRef,
    options: ListContainerObjectsOptions = {},
  ): AsyncIterable<StorageObject<SwiftObjectExtra>> {
    assertKnownOptions('listContainerObjects', options, ['prefix', 'delimiter', 'signal']);
    const c = checkContainerName(containerName(container));
    for await (const e of iterateSwiftObjects(this.#client, this, c, options, this.#options.pageSize))
      if (e.kind === 'object') yield e.object;
  }

  /** Every object (every page, each requested while the one before is read), with `prefix` and `delimiter`. */
  override async listContainerObjects(
    container: ContainerRef,
    options: ListContainerObjectsOptions = {},
  ): Promise<StorageObject<SwiftObjectExtra>[]> {
    assertKnownOptions('listContainerObjects', options, ['prefix', 'delimiter', 'signal']);
    return listAllSwiftObjects(this.#client, this, checkContainerName(containerName(container)), options, this.#options.pageSize);
  }

  /** Common prefixes (Swift `subdir` entries) under `prefix` up to `delimiter` (default `/`). */
  override async *iterateContainerPrefixes(
    container: ContainerRef,
    options: ListContainerPrefixesOptions = {},
  ): AsyncIterable<ObjectPrefix> {
    assertKnownOptions('listContainerPrefixes', options, ['prefix', 'delimiter', 'signal']);
    const c = checkContainerName(containerName(container));
    const o = { ...options, delimiter: options.delimiter ?? '/' };
    for await (const e of iterateSwiftObjects(this.#client, this, c, o, this.#options.pageSize)) if (e.kind === 'prefix') yield e.prefix;
  }

  // ---- objects ----

  /** An object's headers and metadata (HEAD); `NotFoundError` if absent. */
  override async getObject(container: ContainerRef, options: GetObjectOptions): Promise<StorageObject<SwiftObjectExtra>> {
    assertKnownOptions('getObject', options, ['name', 'signal']);
    const c = checkContainerName(containerName(container));
    const name = checkObjectName(options?.name);
    const res = await this.#client.send({
      method: 'HEAD',
      container: c,
      object: name,
      action: `get object ${c}/${name}`,
      signal: options.signal,
    });
    return objectFromHeaders(res.headers, c, name, this);
  }

  /** Uploads a local file (streamed, its size known) or bytes. */
  override async uploadObject(container: ContainerRef, options: UploadObjectOptions): Promise<StorageObject<SwiftObjectExtra>> {
    assertKnownOptions('uploadObject', options, [...UPLOAD_KEYS, 'filePath', 'data']);
    let source: Readable;
    let size: number;
    if (options?.filePath !== undefined && options.data === undefined) {
      const st = await stat(options.filePath).catch(() => undefined);
      if (!st?.isFile()) throw new InvalidArgumentError(`uploadObject: "${options.filePath}" is not a readable file`);
      size = st.size;
      source = createReadStream(options.filePath, { highWaterMark: 1024 * 1024 });
    } else {
      source = uploadSource(options);
      size = typeof options.data === 'string' ? Buffer.byteLength(options.data) : (options.data?.length ?? 0);
    }
    try {
      return await this.#upload(container, options, source, size);
    } finally {
      source.destroy();
    }
  }

  /** Uploads from a stream: one PUT, or a static large object once it outgrows one segment. */
  override async uploadObjectViaStream(
    container: ContainerRef,
    options: UploadObjectViaStreamOptions,
  ): Promise<StorageObject<SwiftObjectExtra>> {
    assertKnownOptions('uploadObjectViaStream', options, [...UPLOAD_KEYS, 'source']);
    const source = options?.source;
    if (source === null || typeof (source as Partial<AsyncIterable<unknown>>)?.[Symbol.asyncIterator] !== 'function')
      throw new InvalidArgumentError('uploadObjectViaStream: source must be a Readable or an AsyncIterable of Uint8Array chunks');
    return this.#upload(container, options, source, undefined);
  }

  async #upload(
    container: ContainerRef,
    options: Omit<UploadObjectViaStreamOptions, 'source'>,
    source: Readable | AsyncIterable<Uint8Array>,
    knownSize: number | undefined,
  ): Promise<StorageObject<SwiftObjectExtra>> {
    throwIfAborted(options.signal);
    const c = checkContainerName(containerName(container));
    const name = checkObjectName(options.name);
    const contentType = options.contentType === undefined ? guessContentType(name) : checkContentType(options.contentType);
    const meta = checkMeta(options.meta);
    const up = await uploadSwiftObject(this.#client, {
      container: c,
      name,
      source,
      knownSize,
      contentType,
      meta,
      md5: checkMd5Option(options.md5),
      sloThreshold: this.#options.sloThreshold,
      segmentSize: this.#options.segmentSize,
      segmentConcurrency: this.#options.segmentConcurrency,
      signal: options.signal,
      provider: this.providerId,
    });
    const etag = up.headers.etag;
    const lm = up.headers['last-modified'];
    return objectFromHeaders(
      {
        etag: typeof etag === 'string' ? etag : up.md5,
        'last-modified': typeof lm === 'string' ? lm : undefined,
        'content-md5': md5HexToBase64(up.md5),
        'content-type': contentType,
        'x-static-large-object': up.slo ? 'True' : undefined,
        ...metaHeaders(meta),
      },
      c,
      name,
      this,
      up.size,
    );
  }

  /** Streams an object or a byte range (`Range`); whole reads of plain objects are checked against the ETag (MD5). */
  override async downloadObjectAsStream(object: StorageObject, options: DownloadObjectAsStreamOptions = {}): Promise<Readable> {
    assertKnownOptions('downloadObjectAsStream', options, ['start', 'end', 'verifyHash', 'signal']);
    const c = checkContainerName(object?.containerName);
    const name = checkObjectName(object.name);
    const range = checkRange(options);
    const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end ?? ''}` } : {};
    const res = await this.#client.stream({
      method: 'GET',
      container: c,
      object: name,
      headers,
      action: `download ${c}/${name}`,
      signal: options.signal,
    });
    const slo = String(res.headers['x-static-large-object'] ?? '').toLowerCase() === 'true';
    const sum = plainChecksum(typeof res.headers.etag === 'string' ? res.headers.etag : undefined);
    if (!range && !slo && options.verifyHash !== false && sum?.algorithm === 'md5') {
      return verifyStreamOffThread(res.body, {
        algorithm: 'md5',
        expected: sum.hex,
        provider: this.providerId,
        what: `${c}/${name}`,
        size: contentLength(res.headers),
      });
    }
    return res.body;
  }

  /** Deletes an object; a static large object with its segments (`?multipart-manifest=delete`). */
  override async deleteObject(object: StorageObject, options: CallOptions = {}): Promise<boolean> {
    const c = checkContainerName(object?.containerName);
    const name = checkObjectName(object.name);
    const slo = (object.extra as Partial<SwiftObjectExtra> | undefined)?.staticLargeObject === true;
    await this.#client.send({
      method: 'DELETE',
      container: c,
      object: name,
      query: slo ? { 'multipart-manifest': 'delete' } : undefined,
      responseType: 'text',
      action: `delete ${c}/${name}`,
      signal: options.signal,
    });
    return true;
  }

  /** Server-side copy (`PUT` with `X-Copy-From`); new metadata replace the source's (`X-Fresh-Metadata`). */
  override async copyObject(object: StorageObject, options: CopyObjectOptions): Promise<StorageObject<SwiftObjectExtra>> {
    assertKnownOptions('copyObject', options, ['destinationName', 'destinationContainer', 'contentType', 'meta', 'signal']);
    const src = checkContainerName(object?.containerName);
    const srcName = checkObjectName(object.name);
    const dst = checkContainerName(containerName(options?.destinationContainer ?? src));
    const dstName = checkObjectName(options?.destinationName);
    const contentType = options.contentType === undefined ? undefined : checkContentType(options.contentType);
    const meta = options.meta === undefined ? undefined : checkMeta(options.meta);
    const source = await this.getObject(src, { name: srcName, signal: options.signal });
    const headers: Record<string, string> = {
      'x-copy-from': swiftPath(src, srcName),
      'content-type': contentType ?? source.contentType ?? guessContentType(dstName),
    };
    if (meta !== undefined) Object.assign(headers, { 'x-fresh-metadata': 'true' }, metaHeaders(meta));
    await this.#client.send({
      method: 'PUT',
      container: dst,
      object: dstName,
      headers,
      action: `copy ${src}/${srcName} to ${dst}/${dstName}`,
      signal: options.signal,
    });
    return this.getObject(dst, { name: dstName, signal: options.signal });
  }

  /** Replaces user metadata and/or the content type with one POST (the other part is kept). */
  override async updateObjectMetadata(
    object: StorageObject,
    options: UpdateObjectMetadataOptions,
  ): Promise<StorageObject<SwiftObjectExtra>> {
    assertKnownOptions('updateObjectMetadata', options, ['meta', 'contentType', 'signal']);
    if (options?.meta === undefined && options?.contentType === undefined)
      throw new InvalidArgumentError('updateObjectMetadata: give meta, contentType or both');
    const c = checkContainerName(object?.containerName);
    const name = checkObjectName(object.name);
    const meta = options.meta === undefined ? undefined : checkMeta(options.meta);
    const contentType = options.contentType === undefined ? undefined : checkContentType(options.contentType);
    const current = await this.getObject(c, { name, signal: options.signal });
    const headers: Record<string, string> = {
      ...metaHeaders(meta ?? current.meta),
      'content-type': contentType ?? current.contentType ?? guessContentType(name),
    };
    await this.#client.send({
      method: 'POST',
      container: c,
      object: name,
      headers,
      action: `update metadata of ${c}/${name}`,
      signal: options.signal,
    });
    return this.getObject(c, { name, signal: options.signal });
  }

  // ---- temp URLs ----

  /** Sets the account's temp URL key (`X-Account-Meta-Temp-URL-Key`), which `getObjectTempUrl` signs with. */
  async exSetTempUrlKey(key: string, options: CallOptions = {}): Promise<void> {
    if (typeof key !== 'string' || key.length === 0 || /[\r\n]/.test(key))
      throw new InvalidArgumentError('exSetTempUrlKey: the key must be a non-empty string without line breaks');
    await this.#tempUrl.setKey(key, options.signal);
  }

  /** Whether the account has a temp URL key (reads `X-Account-Meta-Temp-URL-Key`). */
  async exHasTempUrlKey(options: CallOptions = {}): Promise<boolean> {
    return (await this.#tempUrl.key(options.signal, true)) !== undefined;
  }

  /**
   * A Swift temp URL for `GET` or `PUT` of one object, signed (HMAC-SHA256, or SHA-1 when `/info` allows
   * only that) with the account's temp URL key; `InvalidArgumentError` when the account has none (set
   * one with {@link exSetTempUrlKey}).
   */
  override async getObjectTempUrl(container: ContainerRef, options: GetObjectTempUrlOptions): Promise<string> {
    assertKnownOptions('getObjectTempUrl', options, ['name', 'method', 'expiresInMs', 'signal']);
    const { name, method, expiresInMs } = checkTempUrlOptions(options);
    const c = checkContainerName(containerName(container));
    checkObjectName(name);
    const url = await this.#tempUrl.url(c, name, method, expiresInMs, options.signal);
    if (url === undefined)
      throw new InvalidArgumentError(
        'getObjectTempUrl: the Swift account has no X-Account-Meta-Temp-URL-Key; set one with exSetTempUrlKey(key)',
      );
    return url;
  }
}
