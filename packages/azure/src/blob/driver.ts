import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { assertKnownOptions, throwIfAborted, type CallOptions, type Capabilities } from '@cloudmux/core';
import { BadRequestError, InvalidArgumentError } from '@cloudmux/core/errors';
import { contentLength } from '@cloudmux/core/http';
import {
  checkContentType,
  checkMd5Option,
  checkMeta,
  checkRange,
  checkTempUrlOptions,
  Container,
  containerName,
  md5HexToBase64,
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
  verifyStreamOffThread,
} from '@cloudmux/core/storage';
import { AZURE_BLOBS_CAPABILITIES } from './capabilities.js';
import { BlobClient } from './client.js';
import { checkBlobName, checkContainerName, guessContentType } from './names.js';
import { metaHeaders } from './meta.js';
import {
  checkAccount,
  parseConnectionString,
  resolveAzureOptions,
  type AzureBlobsDriverOptions,
  type ResolvedAzureOptions,
} from './options.js';
import { AZURE_BLOBS_PROVIDER } from './provider.js';
import { blobSasUrl, copyBlob, setBlobContentType, setBlobMetadata } from './blob-ops.js';
import { iterateBlobPages, listAllBlobs, type BlobListingOptions, type BlobListingPage } from './listing.js';
import { objectFromHeaders, listContainersPage, type AzureBlobExtra, type AzureContainerExtra } from './to-object.js';
import { uploadBlob } from './upload.js';
import { parseXml } from './xml.js';

const UPLOAD_KEYS = ['name', 'contentType', 'meta', 'verifyHash', 'md5', 'signal'];

/**
 * Azure Blob Storage: containers and block blobs over the Blob service REST API (`x-ms-version`
 * 2021-08-06), authorized with SharedKey (account key) or a SAS token. Uploads up to
 * `singlePutThreshold` go in one Put Blob, larger ones as staged blocks committed with Put Block
 * List (`blocksInFlight` blocks sent at once; memory about `(blocksInFlight + 1) × blockSize`). MD5s
 * of large transfers (upload blocks, downloads from 8 MiB) are computed on a worker thread beside the
 * I/O. Temporary URLs are service SAS URLs (needs the account key).
 */
export class AzureBlobsStorageDriver extends StorageDriver {
  /** Provider definition. */
  static override readonly provider = AZURE_BLOBS_PROVIDER;
  /** Supported portable methods. */
  static override readonly capabilities: Capabilities<StorageMethod> = AZURE_BLOBS_CAPABILITIES;

  /** Storage account name. */
  readonly account: string;
  readonly #client: BlobClient;
  readonly #options: ResolvedAzureOptions;

  /**
   * @param account - storage account name.
   * @param key - the account key (base64), or undefined with `options.sasToken`.
   * @param options - endpoint, SAS token, upload and paging settings.
   */
  constructor(account: string, key?: string, options?: AzureBlobsDriverOptions) {
    super();
    this.account = checkAccount(account);
    this.#options = resolveAzureOptions(this.account, options);
    if (key !== undefined && (typeof key !== 'string' || key.length === 0 || Buffer.from(key, 'base64').length === 0))
      throw new InvalidArgumentError('AzureBlobsStorageDriver: the account key must be a non-empty base64 string');
    if (key === undefined && this.#options.sasToken === undefined)
      throw new InvalidArgumentError('AzureBlobsStorageDriver: give the account key or options.sasToken');
    this.#client = new BlobClient(this.account, key, this.#options, AZURE_BLOBS_PROVIDER.id);
  }

  /**
   * Builds a driver from `AZURE_STORAGE_CONNECTION_STRING`, or `AZURE_STORAGE_ACCOUNT` with
   * `AZURE_STORAGE_KEY` or `AZURE_STORAGE_SAS_TOKEN` (endpoint: `AZURE_BLOB_ENDPOINT`, as Azurite's scripts print).
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, options: AzureBlobsDriverOptions = {}): AzureBlobsStorageDriver {
    const cs = env.AZURE_STORAGE_CONNECTION_STRING;
    if (cs) {
      const p = parseConnectionString(cs);
      const endpoint = options.endpoint ?? p.endpoint;
      const sasToken = options.sasToken ?? p.sasToken;
      return new AzureBlobsStorageDriver(p.account, p.key, {
        ...options,
        ...(endpoint ? { endpoint } : {}),
        ...(sasToken && !p.key ? { sasToken } : {}),
      });
    }
    const account = env.AZURE_STORAGE_ACCOUNT;
    if (!account)
      throw new InvalidArgumentError(
        'AzureBlobsStorageDriver.fromEnv: set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_ACCOUNT with AZURE_STORAGE_KEY or AZURE_STORAGE_SAS_TOKEN',
      );
    const endpoint = options.endpoint ?? env.AZURE_BLOB_ENDPOINT;
    const sasToken = options.sasToken ?? (env.AZURE_STORAGE_KEY ? undefined : env.AZURE_STORAGE_SAS_TOKEN);
    return new AzureBlobsStorageDriver(account, env.AZURE_STORAGE_KEY || undefined, {
      ...options,
      ...(endpoint ? { endpoint } : {}),
      ...(sasToken ? { sasToken } : {}),
    });
  }

  /** Closes keep-alive connections. */
  close(): void {
    this.#client.close();
  }

  #container(name: string, extra: AzureContainerExtra = { etag: undefined, lastModified: undefined }): Container<AzureContainerExtra> {
    return new Container<AzureContainerExtra>({ name, extra }, this);
  }

  // ---- containers ----

  /** Containers, following `NextMarker` through every page. */
  override async *iterateContainers(options: CallOptions = {}): AsyncIterable<Container<AzureContainerExtra>> {
    let marker: string | undefined;
    do {
      throwIfAborted(options.signal);
      const res = await this.#client.send({
        method: 'GET',
        query: { comp: 'list', maxresults: this.#options.pageSize, marker },
        action: 'ListContainers',
        signal: options.signal,
      });
      const page = listContainersPage(parseXml(res.body));
      for (const c of page.containers) yield this.#container(c.name, c.extra);
      marker = page.next;
    } while (marker);
  }

  /** A container (Get Container Properties); `NotFoundError` if absent. */
  override async getContainer(name: string, options: CallOptions = {}): Promise<Container<AzureContainerExtra>> {
    const c = checkContainerName(name);
    const res = await this.#client.send({
      method: 'HEAD',
      container: c,
      query: { restype: 'container' },
      action: 'GetContainerProperties',
      signal: options.signal,
    });
    const lm = res.headers['last-modified'];
    return this.#container(c, {
      etag: typeof res.headers.etag === 'string' ? res.headers.etag : undefined,
      lastModified: typeof lm === 'string' ? new Date(lm) : undefined,
    });
  }

  /** Creates a private container; `AlreadyExistsError` if taken. */
  override async createContainer(options: CreateContainerOptions): Promise<Container<AzureContainerExtra>> {
    assertKnownOptions('createContainer', options, ['name', 'signal']);
    const c = checkContainerName(options?.name);
    await this.#client.send({
      method: 'PUT',
      container: c,
      query: { restype: 'container' },
      action: 'CreateContainer',
      signal: options.signal,
    });
    return this.#container(c);
  }

  /**
   * Deletes an empty container. The service would delete a container with its blobs, so the driver
   * first lists one blob and refuses a non-empty container with `BadRequestError` (`ContainerNotEmpty`).
   */
  override async deleteContainer(container: ContainerRef, options: CallOptions = {}): Promise<boolean> {
    const c = checkContainerName(containerName(container));
    const res = await this.#client.send({
      method: 'GET',
      container: c,
      query: { restype: 'container', comp: 'list', maxresults: 1 },
      action: 'ListBlobs',
      signal: options.signal,
    });
    if (/<Blob>/.test(res.body))
      throw new BadRequestError(`Container "${c}" is not empty: delete its objects first`, {
        provider: AZURE_BLOBS_PROVIDER.id,
        status: 409,
        providerCode: 'ContainerNotEmpty',
      });
    await this.#client.send({
      method: 'DELETE',
      container: c,
      query: { restype: 'container' },
      action: 'DeleteContainer',
      signal: options.signal,
    });
    return true;
  }

  // ---- listing ----

  /** Blobs in name order, every page (`marker`/`maxresults`), with `prefix` and `delimiter`. */
  override async *iterateContainerObjects(
    container: ContainerRef,
    options: ListContainerObjectsOptions = {},
  ): AsyncIterable<StorageObject<AzureBlobExtra>> {
    assertKnownOptions('listContainerObjects', options, ['prefix', 'delimiter', 'signal']);
    for await (const page of this.#pages(container, options)) yield* page.objects;
  }

  /** All blobs (every page), collected page by page. */
  override async listContainerObjects(
    container: ContainerRef,
    options: ListContainerObjectsOptions = {},
  ): Promise<StorageObject<AzureBlobExtra>[]> {
    assertKnownOptions('listContainerObjects', options, ['prefix', 'delimiter', 'signal']);
    return listAllBlobs(this.#client, this, checkContainerName(containerName(container)), options, this.#options.pageSize);
  }

  /** Common prefixes (`<BlobPrefix>`) under `prefix` up to `delimiter` (default `/`). */
  override async *iterateContainerPrefixes(
    container: ContainerRef,
    options: ListContainerPrefixesOptions = {},
  ): AsyncIterable<ObjectPrefix> {
    assertKnownOptions('listContainerPrefixes', options, ['prefix', 'delimiter', 'signal']);
    for await (const page of this.#pages(container, { ...options, delimiter: options.delimiter ?? '/' })) yield* page.prefixes;
  }

  #pages(container: ContainerRef, options: BlobListingOptions): AsyncGenerator<BlobListingPage> {
    return iterateBlobPages(this.#client, this, checkContainerName(containerName(container)), options, this.#options.pageSize);
  }

  // ---- objects ----

  /** A blob's properties and metadata (Get Blob Properties); `NotFoundError` if absent. */
  override async getObject(container: ContainerRef, options: GetObjectOptions): Promise<StorageObject<AzureBlobExtra>> {
    assertKnownOptions('getObject', options, ['name', 'signal']);
    const c = checkContainerName(containerName(container));
    const name = checkBlobName(options?.name);
    const res = await this.#client.send({ method: 'HEAD', container: c, blob: name, action: 'GetBlobProperties', signal: options.signal });
    return objectFromHeaders(res.headers, c, name, this);
  }

  /** Uploads a local file or bytes (a missing file is `InvalidArgumentError` before any request). */
  override async uploadObject(container: ContainerRef, options: UploadObjectOptions): Promise<StorageObject<AzureBlobExtra>> {
    assertKnownOptions('uploadObject', options, [...UPLOAD_KEYS, 'filePath', 'data']);
    let source: Readable;
    if (options?.filePath !== undefined && options.data === undefined) {
      const st = await stat(options.filePath).catch(() => undefined);
      if (!st?.isFile()) throw new InvalidArgumentError(`uploadObject: "${options.filePath}" is not a readable file`);
      source = createReadStream(options.filePath, { highWaterMark: 1024 * 1024 });
    } else source = uploadSource(options);
    try {
      return await this.#upload(container, options, source);
    } finally {
      source.destroy();
    }
  }

  /** Uploads from a stream: one Put Blob, or staged blocks + Put Block List above the threshold. */
  override async uploadObjectViaStream(
    container: ContainerRef,
    options: UploadObjectViaStreamOptions,
  ): Promise<StorageObject<AzureBlobExtra>> {
    assertKnownOptions('uploadObjectViaStream', options, [...UPLOAD_KEYS, 'source']);
    const source = options?.source;
    if (source === null || typeof (source as Partial<AsyncIterable<unknown>>)?.[Symbol.asyncIterator] !== 'function')
      throw new InvalidArgumentError('uploadObjectViaStream: source must be a Readable or an AsyncIterable of Uint8Array chunks');
    return this.#upload(container, options, source);
  }

  async #upload(
    container: ContainerRef,
    options: Omit<UploadObjectViaStreamOptions, 'source'>,
    source: Readable | AsyncIterable<Uint8Array>,
  ): Promise<StorageObject<AzureBlobExtra>> {
    throwIfAborted(options.signal);
    const c = checkContainerName(containerName(container));
    const name = checkBlobName(options.name);
    const contentType = options.contentType === undefined ? guessContentType(name) : checkContentType(options.contentType);
    const meta = checkMeta(options.meta);
    const up = await uploadBlob(this.#client, {
      container: c,
      name,
      source,
      contentType,
      meta,
      md5: checkMd5Option(options.md5),
      threshold: this.#options.singlePutThreshold,
      blockSize: this.#options.blockSize,
      blocksInFlight: this.#options.blocksInFlight,
      signal: options.signal,
      provider: AZURE_BLOBS_PROVIDER.id,
    });
    const etag = up.headers.etag;
    const lm = up.headers['last-modified'];
    return objectFromHeaders(
      {
        etag: typeof etag === 'string' ? etag : undefined,
        'last-modified': typeof lm === 'string' ? lm : undefined,
        'content-md5': md5HexToBase64(up.md5),
        'content-type': contentType,
        ...metaHeaders(meta),
      },
      c,
      name,
      this,
      up.size,
    );
  }

  /** Streams a blob or a byte range (`x-ms-range`); whole reads are checked against `Content-MD5`. */
  override async downloadObjectAsStream(object: StorageObject, options: DownloadObjectAsStreamOptions = {}): Promise<Readable> {
    assertKnownOptions('downloadObjectAsStream', options, ['start', 'end', 'verifyHash', 'signal']);
    const c = checkContainerName(object?.containerName);
    const name = checkBlobName(object.name);
    const range = checkRange(options);
    const headers: Record<string, string> = range ? { 'x-ms-range': `bytes=${range.start}-${range.end ?? ''}` } : {};
    const res = await this.#client.stream({ method: 'GET', container: c, blob: name, headers, action: 'GetBlob', signal: options.signal });
    const md5 = res.headers['content-md5'];
    if (!range && options.verifyHash !== false && typeof md5 === 'string') {
      const hex = Buffer.from(md5, 'base64').toString('hex');
      if (hex.length === 32)
        return verifyStreamOffThread(res.body, {
          algorithm: 'md5',
          expected: hex,
          provider: AZURE_BLOBS_PROVIDER.id,
          what: `${c}/${name}`,
          size: contentLength(res.headers),
        });
    }
    return res.body;
  }

  /** Deletes a blob; `NotFoundError` if absent. */
  override async deleteObject(object: StorageObject, options: CallOptions = {}): Promise<boolean> {
    const c = checkContainerName(object?.containerName);
    await this.#client.send({
      method: 'DELETE',
      container: c,
      blob: checkBlobName(object.name),
      action: 'DeleteBlob',
      signal: options.signal,
    });
    return true;
  }

  /** Server-side Copy Blob (waits while the copy is pending); new metadata or content type are applied to the copy. */
  override async copyObject(object: StorageObject, options: CopyObjectOptions): Promise<StorageObject<AzureBlobExtra>> {
    assertKnownOptions('copyObject', options, ['destinationName', 'destinationContainer', 'contentType', 'meta', 'signal']);
    const src = checkContainerName(object?.containerName);
    const srcName = checkBlobName(object.name);
    const dst = checkContainerName(containerName(options.destinationContainer ?? src));
    const dstName = checkBlobName(options.destinationName);
    const contentType = options.contentType === undefined ? undefined : checkContentType(options.contentType);
    const meta = options.meta === undefined ? undefined : checkMeta(options.meta);
    // A missing source is a NotFoundError from this HEAD, whatever the service says about copy sources.
    await this.getObject(src, { name: srcName, signal: options.signal });
    await copyBlob(this.#client, {
      source: { container: src, name: srcName },
      target: { container: dst, name: dstName },
      meta,
      signal: options.signal,
    });
    const copied = await this.getObject(dst, { name: dstName, signal: options.signal });
    if (contentType === undefined) return copied;
    return this.updateObjectMetadata(copied, { contentType, signal: options.signal });
  }

  /** Set Blob Metadata and/or Set Blob Properties (keeping the stored `Content-MD5`). */
  override async updateObjectMetadata(object: StorageObject, options: UpdateObjectMetadataOptions): Promise<StorageObject<AzureBlobExtra>> {
    assertKnownOptions('updateObjectMetadata', options, ['meta', 'contentType', 'signal']);
    if (options?.meta === undefined && options?.contentType === undefined)
      throw new InvalidArgumentError('updateObjectMetadata: give meta, contentType or both');
    const c = checkContainerName(object?.containerName);
    const name = checkBlobName(object.name);
    const meta = options.meta === undefined ? undefined : checkMeta(options.meta);
    const contentType = options.contentType === undefined ? undefined : checkContentType(options.contentType);
    if (meta !== undefined) await setBlobMetadata(this.#client, c, name, meta, options.signal);
    if (contentType !== undefined) await setBlobContentType(this.#client, c, name, contentType, options.signal);
    return this.getObject(c, { name, signal: options.signal });
  }

  /**
   * A service SAS URL for one blob: `GET` gets read (`sp=r`), `PUT` create and write (`sp=cw`; send
   * `x-ms-blob-type: BlockBlob` with the PUT). Needs the account key: a driver authorized by a SAS
   * token cannot sign one (`InvalidArgumentError`).
   */
  override async getObjectTempUrl(container: ContainerRef, options: GetObjectTempUrlOptions): Promise<string> {
    assertKnownOptions('getObjectTempUrl', options, ['name', 'method', 'expiresInMs', 'signal']);
    const { name, method, expiresInMs } = checkTempUrlOptions(options);
    const c = checkContainerName(containerName(container));
    checkBlobName(name);
    return blobSasUrl(this.#client, c, name, method, expiresInMs);
  }
}
