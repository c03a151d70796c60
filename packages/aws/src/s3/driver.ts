import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { assertKnownOptions, throwIfAborted, type CallOptions, type Capabilities } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import {
  checkContentType,
  checkMd5Option,
  checkMeta,
  checkRange,
  checkTempUrlOptions,
  Container,
  containerName,
  StorageDriver,
  uploadSource,
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
import { readAwsEnv } from '../credentials/from-env.js';
import type { Env } from '../credentials/shared-files.js';
import type { AwsCredentials } from '../signing/sigv4.js';
import { S3_CAPABILITIES } from './capabilities.js';
import { S3Client } from './client.js';
import { iterateS3Buckets, iterateS3Pages, listAllS3Objects, s3Listing, type S3ListingQuery } from './listing.js';
import { checkBucketName, checkKey, guessContentType } from './names.js';
import { resolveS3Options, type ResolvedS3Options, type S3DriverOptions } from './options.js';
import { S3_PROVIDER, type S3ProviderDefaults } from './providers.js';
import { objectFromHeaders, type S3BucketExtra, type S3ObjectExtra } from './to-object.js';
import { putS3File, uploadS3Object, type S3Uploaded } from './upload.js';
import { escapeXmlText } from '../xml/index.js';
import { copyS3Object } from './copy.js';
import { downloadS3Object } from './download.js';
import type { ProviderDefinition } from '@cloudmux/core';
import { exHeaders, type S3UploadEx } from './ex.js';

const UPLOAD_KEYS = ['name', 'contentType', 'meta', 'verifyHash', 'md5', 'signal', 'ex'];

/** Static side of the S3 driver classes (for `fromEnv`). */
export interface S3DriverClass {
  new (accessKeyId: string, secretAccessKey?: string, options?: S3DriverOptions): S3StorageDriver;
  /** Provider served. */
  readonly provider: ProviderDefinition<S3ProviderDefaults>;
}

/**
 * Amazon S3 and S3-compatible services (MinIO, Ceph RGW, Wasabi, DigitalOcean Spaces, Cloudflare
 * R2, s3rver) over the REST API with SigV4: virtual-hosted or path-style addressing, ListObjectsV2
 * (or V1), fixed-length PUTs (never `aws-chunked`) with `Content-MD5`, automatic multipart uploads
 * above `multipartThreshold` with bounded memory and AbortMultipartUpload on failure, server-side
 * copy, metadata updates (copy onto itself), presigned URLs, and region redirects followed once.
 */
export class S3StorageDriver extends StorageDriver {
  /** Provider definition. */
  static override readonly provider: ProviderDefinition<S3ProviderDefaults> = S3_PROVIDER;
  /** Supported portable methods. */
  static override readonly capabilities: Capabilities<StorageMethod> = S3_CAPABILITIES;

  /**
   * Builds a driver from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` (or
   * `~/.aws` profiles), `AWS_REGION` and `AWS_ENDPOINT_URL(_S3)`; `S3_ENDPOINT`,
   * `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY`, `S3_REGION` and `S3_FORCE_PATH_STYLE` (as the test
   * services print them) take precedence.
   */
  static fromEnv<T extends S3DriverClass>(this: T, env: Env = process.env, overrides: S3DriverOptions = {}): InstanceType<T> {
    const options: S3DriverOptions = { ...overrides };
    const endpoint = env.S3_ENDPOINT ?? env.AWS_ENDPOINT_URL_S3;
    if (options.endpoint === undefined && endpoint) options.endpoint = endpoint;
    if (options.forcePathStyle === undefined && env.S3_FORCE_PATH_STYLE) options.forcePathStyle = env.S3_FORCE_PATH_STYLE === 'true';
    if (env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY) {
      if (options.region === undefined && env.S3_REGION) options.region = env.S3_REGION;
      return new this(env.S3_ACCESS_KEY_ID, env.S3_SECRET_ACCESS_KEY, options) as InstanceType<T>;
    }
    const cfg = readAwsEnv(env);
    if (options.region === undefined && (env.S3_REGION ?? cfg.region)) options.region = env.S3_REGION ?? cfg.region;
    if (options.endpoint === undefined && cfg.endpoint !== undefined) options.endpoint = cfg.endpoint;
    if (options.sessionToken === undefined && cfg.credentials.sessionToken !== undefined)
      options.sessionToken = cfg.credentials.sessionToken;
    return new this(cfg.credentials.accessKeyId, cfg.credentials.secretAccessKey, options) as InstanceType<T>;
  }

  /** Access key id. */
  readonly accessKeyId: string;
  /** Region requests are signed for (buckets elsewhere are found through redirects). */
  readonly region: string;
  readonly #client: S3Client;
  readonly #o: ResolvedS3Options;

  /**
   * @param accessKeyId - access key id.
   * @param secretAccessKey - secret access key.
   * @param options - region, endpoint, path style, provider preset, multipart and listing settings.
   */
  constructor(accessKeyId: string, secretAccessKey?: string, options?: S3DriverOptions) {
    super();
    if (typeof accessKeyId !== 'string' || accessKeyId.length === 0)
      throw new InvalidArgumentError('S3StorageDriver: accessKeyId must be a non-empty string');
    if (typeof secretAccessKey !== 'string' || secretAccessKey.length === 0)
      throw new InvalidArgumentError('S3StorageDriver: secretAccessKey must be a non-empty string');
    this.#o = resolveS3Options(options, (this.constructor as S3DriverClass).provider);
    this.accessKeyId = accessKeyId;
    this.region = this.#o.region;
    const creds: AwsCredentials =
      options?.sessionToken === undefined
        ? { accessKeyId, secretAccessKey }
        : { accessKeyId, secretAccessKey, sessionToken: options.sessionToken };
    this.#client = new S3Client(creds, this.#o);
  }

  /** Provider of this instance (a preset given in options wins over the class's). */
  override get providerId(): string {
    return this.#o.provider.id;
  }

  /** Closes keep-alive connections. */
  close(): void {
    this.#client.close();
  }

  #bucket(name: string, extra: Partial<S3BucketExtra> = {}): Container<S3BucketExtra> {
    return new Container<S3BucketExtra>({ name, extra: { creationDate: extra.creationDate, region: extra.region } }, this);
  }

  // ---- buckets ----

  /**
   * Buckets of the account (ListBuckets), `pageSize` at a time (`max-buckets`, then `continuation-token`),
   * lazily; `extra.region` from `<BucketRegion>` when the server sends it. Servers that do not page answer all at once.
   */
  override async *iterateContainers(options: CallOptions = {}): AsyncIterable<Container<S3BucketExtra>> {
    const q = { pageSize: this.#o.pageSize, signal: options.signal, provider: this.providerId };
    for await (const b of iterateS3Buckets(this.#client, q)) yield this.#bucket(b.name, { creationDate: b.creationDate, region: b.region });
  }

  /** A bucket (HeadBucket); `NotFoundError` if absent. */
  override async getContainer(name: string, options: CallOptions = {}): Promise<Container<S3BucketExtra>> {
    const b = checkBucketName(name);
    const res = await this.#client.send({ method: 'HEAD', bucket: b, action: 'HeadBucket', signal: options.signal });
    const region = res.headers['x-amz-bucket-region'];
    return this.#bucket(b, { region: typeof region === 'string' ? region : undefined });
  }

  /** Creates a bucket in the driver's region (`LocationConstraint` outside `us-east-1`); `AlreadyExistsError` if taken. */
  override async createContainer(options: CreateContainerOptions): Promise<Container<S3BucketExtra>> {
    assertKnownOptions('createContainer', options, ['name', 'signal']);
    const b = checkBucketName(options?.name);
    const region = this.#o.region;
    const body =
      region === 'us-east-1' || this.#o.provider.id !== S3_PROVIDER.id
        ? undefined
        : Buffer.from(
            `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${escapeXmlText(region)}</LocationConstraint></CreateBucketConfiguration>`,
          );
    await this.#client.send({ method: 'PUT', bucket: b, body, action: 'CreateBucket', signal: options.signal });
    return this.#bucket(b, { region });
  }

  /** Deletes an empty bucket; a non-empty one is `BadRequestError` (`BucketNotEmpty`). */
  override async deleteContainer(container: ContainerRef, options: CallOptions = {}): Promise<boolean> {
    const b = checkBucketName(containerName(container));
    await this.#client.send({ method: 'DELETE', bucket: b, action: 'DeleteBucket', signal: options.signal });
    return true;
  }

  // ---- listing ----

  /** All objects in key order, every page, with `prefix` and `delimiter` (pages collected straight into one array). */
  override async listContainerObjects(
    container: ContainerRef,
    options: ListContainerObjectsOptions = {},
  ): Promise<StorageObject<S3ObjectExtra>[]> {
    return listAllS3Objects(this.#client, this, this.#listing('listContainerObjects', container, options));
  }

  /** Objects in key order, every page, with `prefix` and `delimiter`. */
  override async *iterateContainerObjects(
    container: ContainerRef,
    options: ListContainerObjectsOptions = {},
  ): AsyncIterable<StorageObject<S3ObjectExtra>> {
    const q = this.#listing('listContainerObjects', container, options);
    for await (const page of iterateS3Pages(this.#client, this, q)) yield* page.objects;
  }

  /** Common prefixes under `prefix` up to `delimiter` (default `/`). */
  override async *iterateContainerPrefixes(
    container: ContainerRef,
    options: ListContainerPrefixesOptions = {},
  ): AsyncIterable<ObjectPrefix> {
    const q = this.#listing('listContainerPrefixes', container, { ...options, delimiter: options.delimiter ?? '/' });
    for await (const page of iterateS3Pages(this.#client, this, q)) yield* page.prefixes;
  }

  #listing(method: string, container: ContainerRef, options: ListContainerObjectsOptions): S3ListingQuery {
    assertKnownOptions(method, options, ['prefix', 'delimiter', 'signal']);
    const b = checkBucketName(containerName(container));
    return s3Listing(b, options, { pageSize: this.#o.pageSize, version: this.#o.listApiVersion });
  }

  // ---- objects ----

  /** An object's metadata (HeadObject); `NotFoundError` if absent. */
  override async getObject(container: ContainerRef, options: GetObjectOptions): Promise<StorageObject<S3ObjectExtra>> {
    assertKnownOptions('getObject', options, ['name', 'signal']);
    const b = checkBucketName(containerName(container));
    const key = checkKey(options?.name);
    const res = await this.#client.send({ method: 'HEAD', bucket: b, key, action: 'HeadObject', signal: options.signal });
    return objectFromHeaders(res.headers, b, key, this);
  }

  /**
   * Uploads a local file or bytes. `ex` takes `serverSideEncryption`, `kmsKeyId` and `storageClass`
   * (see {@link S3UploadEx}). A missing file is `InvalidArgumentError` before any request.
   */
  override async uploadObject(
    container: ContainerRef,
    options: UploadObjectOptions & { ex?: S3UploadEx },
  ): Promise<StorageObject<S3ObjectExtra>> {
    assertKnownOptions('uploadObject', options, [...UPLOAD_KEYS, 'filePath', 'data']);
    let source: Readable;
    if (options?.filePath !== undefined && options.data === undefined) {
      const st = await stat(options.filePath).catch(() => undefined);
      if (!st?.isFile()) throw new InvalidArgumentError(`uploadObject: "${options.filePath}" is not a readable file`);
      if (st.size <= this.#o.multipartThreshold) return this.#putFile(container, options, options.filePath);
      source = createReadStream(options.filePath, { highWaterMark: 1024 * 1024 });
    } else source = uploadSource(options);
    try {
      return await this.#upload(container, options, source);
    } finally {
      source.destroy();
    }
  }

  /** Uploads from a stream: one PutObject up to `multipartThreshold`, a multipart upload above it. */
  override async uploadObjectViaStream(
    container: ContainerRef,
    options: UploadObjectViaStreamOptions & { ex?: S3UploadEx },
  ): Promise<StorageObject<S3ObjectExtra>> {
    assertKnownOptions('uploadObjectViaStream', options, [...UPLOAD_KEYS, 'source']);
    const source = options?.source;
    if (source === null || typeof (source as Partial<AsyncIterable<unknown>>)?.[Symbol.asyncIterator] !== 'function')
      throw new InvalidArgumentError('uploadObjectViaStream: source must be a Readable or an AsyncIterable of Uint8Array chunks');
    return this.#upload(container, options, source);
  }

  /** The bucket, key and object headers of an upload (validated). */
  #target(
    container: ContainerRef,
    options: Omit<UploadObjectViaStreamOptions, 'source'> & { ex?: S3UploadEx },
  ): { bucket: string; key: string; headers: Record<string, string> } {
    const bucket = checkBucketName(containerName(container));
    const key = checkKey(options.name);
    const contentType = options.contentType === undefined ? guessContentType(key) : checkContentType(options.contentType);
    const headers: Record<string, string> = { 'content-type': contentType, ...exHeaders(options.ex) };
    for (const [k, v] of Object.entries(checkMeta(options.meta))) headers[`x-amz-meta-${k.toLowerCase()}`] = v;
    return { bucket, key, headers };
  }

  #uploaded(t: { bucket: string; key: string; headers: Record<string, string> }, up: S3Uploaded): StorageObject<S3ObjectExtra> {
    const lm = up.headers['last-modified'];
    return objectFromHeaders(
      {
        ...t.headers,
        etag: up.etag,
        'content-length': String(up.size),
        'last-modified': typeof lm === 'string' ? lm : new Date().toUTCString(),
      },
      t.bucket,
      t.key,
      this,
    );
  }

  /** A file up to the multipart threshold: streamed from disk in one PutObject, hashed first. */
  async #putFile(
    container: ContainerRef,
    options: Omit<UploadObjectViaStreamOptions, 'source'> & { ex?: S3UploadEx },
    filePath: string,
  ): Promise<StorageObject<S3ObjectExtra>> {
    throwIfAborted(options.signal);
    const t = this.#target(container, options);
    const up = await putS3File(this.#client, {
      ...t,
      filePath,
      md5: checkMd5Option(options.md5),
      unsignedPayload: this.#o.unsignedPayload,
      checksum: this.#o.checksumAlgorithm,
      signal: options.signal,
      provider: this.providerId,
    });
    return this.#uploaded(t, up);
  }

  async #upload(
    container: ContainerRef,
    options: Omit<UploadObjectViaStreamOptions, 'source'> & { ex?: S3UploadEx },
    source: Readable | AsyncIterable<Uint8Array>,
  ): Promise<StorageObject<S3ObjectExtra>> {
    throwIfAborted(options.signal);
    const t = this.#target(container, options);
    const up = await uploadS3Object(this.#client, {
      ...t,
      source,
      md5: checkMd5Option(options.md5),
      threshold: this.#o.multipartThreshold,
      partSize: this.#o.partSize,
      partsInFlight: this.#o.partsInFlight,
      unsignedPayload: this.#o.unsignedPayload,
      checksum: this.#o.checksumAlgorithm,
      signal: options.signal,
      provider: this.providerId,
    });
    return this.#uploaded(t, up);
  }

  /**
   * Streams an object or a byte range. Whole reads are verified as the bytes arrive (unless
   * `verifyHash: false`): against the object's full-object CRC-32 when the driver uses `crc32` and
   * the object has one, else against an MD5 ETag (single-part, non-KMS objects).
   */
  override async downloadObjectAsStream(object: StorageObject, options: DownloadObjectAsStreamOptions = {}): Promise<Readable> {
    assertKnownOptions('downloadObjectAsStream', options, ['start', 'end', 'verifyHash', 'signal']);
    return downloadS3Object(this.#client, {
      bucket: checkBucketName(object?.containerName),
      key: checkKey(object.name),
      range: checkRange(options),
      verify: options.verifyHash !== false,
      checksum: this.#o.checksumAlgorithm,
      signal: options.signal,
      provider: this.providerId,
    });
  }

  /** Deletes an object; `NotFoundError` if absent (S3's DELETE succeeds on missing keys, so a HEAD checks first). */
  override async deleteObject(object: StorageObject, options: CallOptions = {}): Promise<boolean> {
    const b = checkBucketName(object?.containerName);
    const key = checkKey(object.name);
    await this.#client.send({ method: 'HEAD', bucket: b, key, action: 'HeadObject', signal: options.signal });
    await this.#client.send({ method: 'DELETE', bucket: b, key, action: 'DeleteObject', signal: options.signal, idempotent: true });
    return true;
  }

  /** Server-side CopyObject (`COPY` metadata, or `REPLACE` when `meta` or `contentType` is given). */
  override async copyObject(object: StorageObject, options: CopyObjectOptions): Promise<StorageObject<S3ObjectExtra>> {
    assertKnownOptions('copyObject', options, ['destinationName', 'destinationContainer', 'contentType', 'meta', 'signal']);
    const src = { bucket: checkBucketName(object?.containerName), key: checkKey(object.name) };
    const dst = {
      bucket: checkBucketName(containerName(options.destinationContainer ?? src.bucket)),
      key: checkKey(options.destinationName),
    };
    const contentType = options.contentType === undefined ? undefined : checkContentType(options.contentType);
    const meta = options.meta === undefined ? undefined : checkMeta(options.meta);
    const current = await this.getObject(src.bucket, { name: src.key, signal: options.signal });
    const replace =
      contentType === undefined && meta === undefined
        ? undefined
        : { meta: meta ?? { ...current.meta }, contentType: contentType ?? current.contentType ?? 'application/octet-stream' };
    await copyS3Object(this.#client, src, dst, replace, options.signal);
    return this.getObject(dst.bucket, { name: dst.key, signal: options.signal });
  }

  /** Replaces user metadata and/or content type: CopyObject onto itself with `REPLACE`. */
  override async updateObjectMetadata(object: StorageObject, options: UpdateObjectMetadataOptions): Promise<StorageObject<S3ObjectExtra>> {
    assertKnownOptions('updateObjectMetadata', options, ['meta', 'contentType', 'signal']);
    if (options?.meta === undefined && options?.contentType === undefined)
      throw new InvalidArgumentError('updateObjectMetadata: give meta, contentType or both');
    const b = checkBucketName(object?.containerName);
    const key = checkKey(object.name);
    const meta = options.meta === undefined ? undefined : checkMeta(options.meta);
    const contentType = options.contentType === undefined ? undefined : checkContentType(options.contentType);
    const current = await this.getObject(b, { name: key, signal: options.signal });
    await copyS3Object(
      this.#client,
      { bucket: b, key },
      { bucket: b, key },
      { meta: meta ?? { ...current.meta }, contentType: contentType ?? current.contentType ?? 'application/octet-stream' },
      options.signal,
    );
    return this.getObject(b, { name: key, signal: options.signal });
  }

  /** A SigV4 presigned URL (query authentication) for `GET` or `PUT`, valid `expiresInMs` (up to 7 days). */
  override async getObjectTempUrl(container: ContainerRef, options: GetObjectTempUrlOptions): Promise<string> {
    assertKnownOptions('getObjectTempUrl', options, ['name', 'method', 'expiresInMs', 'signal']);
    const { name, method, expiresInMs } = checkTempUrlOptions(options);
    const b = checkBucketName(containerName(container));
    return this.#client.presign(method, b, checkKey(name), Math.ceil(expiresInMs / 1000));
  }
}
