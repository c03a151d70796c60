import type { Readable } from 'node:stream';
import type { Capabilities } from '../common/capabilities.js';
import { DriverBase, portableApi } from '../common/driver-base.js';
import { drain } from '../common/iterate.js';
import type { CallOptions } from '../common/options.js';
import type { ProviderDefinition } from '../common/provider-definition.js';
import { STORAGE_METHODS, type StorageMethod } from './capabilities.js';
import { downloadToFile } from './atomic-download.js';
import type { ObjectPrefix } from './object-prefix.js';
import type {
  ContainerRef,
  CopyObjectOptions,
  CreateContainerOptions,
  DownloadObjectAsStreamOptions,
  DownloadObjectOptions,
  GetObjectOptions,
  GetObjectTempUrlOptions,
  ListContainerObjectsOptions,
  ListContainerPrefixesOptions,
  UpdateObjectMetadataOptions,
  UploadObjectOptions,
  UploadObjectViaStreamOptions,
} from './options.js';
import type { Container, StorageObject } from './resources.js';
import { uploadSource } from './validate.js';

/** Static side of every storage driver class. */
export interface StorageDriverClass {
  /** Constructs a driver. */
  new (key: string, secret?: string, options?: object): StorageDriver;
  /** Provider served. */
  readonly provider: ProviderDefinition;
  /** Supported portable methods. */
  readonly capabilities: Capabilities<StorageMethod>;
}

/** Returns the name of a container or name. */
export function containerName(ref: ContainerRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

/** The portable storage methods, for the capability guard of {@link DriverBase}. */
const STORAGE_API = portableApi({ methods: STORAGE_METHODS });

/** Base class of storage drivers; unsupported methods throw `NotSupportedError`. */
export abstract class StorageDriver extends DriverBase<StorageMethod> {
  /** Supported methods; subclasses override. */
  static override readonly capabilities: Capabilities<StorageMethod> = [];

  /** Subclasses call `super()`; the capability guard of {@link DriverBase} runs here. */
  constructor() {
    super(STORAGE_API);
  }

  /** Lists all containers. */
  listContainers(options?: CallOptions): Promise<Container[]> {
    return drain(this.iterateContainers(options));
  }
  /** Iterates containers. */
  // eslint-disable-next-line require-yield
  async *iterateContainers(_options?: CallOptions): AsyncIterable<Container> {
    this.notSupported('listContainers');
  }
  /** Gets a container; `NotFoundError` if absent. */
  async getContainer(_name: string, _options?: CallOptions): Promise<Container> {
    return this.notSupported('getContainer');
  }
  /** Creates a container named `options.name`; `AlreadyExistsError` if taken. */
  async createContainer(_options: CreateContainerOptions): Promise<Container> {
    return this.notSupported('createContainer');
  }
  /** Deletes an empty container. */
  async deleteContainer(_container: ContainerRef, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('deleteContainer');
  }
  /** Lists all objects of a container (drains `iterateContainerObjects`). */
  listContainerObjects(container: ContainerRef, options?: ListContainerObjectsOptions): Promise<StorageObject[]> {
    return drain(this.iterateContainerObjects(container, options));
  }
  /** Iterates objects lazily in name order with bounded memory. */
  // eslint-disable-next-line require-yield
  async *iterateContainerObjects(_container: ContainerRef, _options?: ListContainerObjectsOptions): AsyncIterable<StorageObject> {
    this.notSupported('listContainerObjects');
  }
  /**
   * Lists the common prefixes ("directories") of the object names under `options.prefix`, up to the
   * next `options.delimiter` (default `/`): with objects `a/1`, `a/b/2` and `c`, prefix `''` gives
   * `a/`, prefix `a/` gives `a/b/`. Drains `iterateContainerPrefixes`. Together with
   * `listContainerObjects(container, { prefix, delimiter })` (the objects of that level) it browses
   * one level of a container.
   */
  listContainerPrefixes(container: ContainerRef, options?: ListContainerPrefixesOptions): Promise<ObjectPrefix[]> {
    return drain(this.iterateContainerPrefixes(container, options));
  }
  /** Iterates the common prefixes lazily in name order, following every page. */
  // eslint-disable-next-line require-yield
  async *iterateContainerPrefixes(_container: ContainerRef, _options?: ListContainerPrefixesOptions): AsyncIterable<ObjectPrefix> {
    this.notSupported('listContainerPrefixes');
  }
  /** Gets the metadata of object `options.name` in `container`; `NotFoundError` if absent. */
  async getObject(_container: ContainerRef, _options: GetObjectOptions): Promise<StorageObject> {
    return this.notSupported('getObject');
  }
  /**
   * Uploads local file `options.filePath`, or the bytes `options.data`, as object `options.name` of
   * `container`. Atomic: a failed upload leaves nothing behind. The base implementation streams
   * the bytes through `uploadObjectViaStream`.
   */
  async uploadObject(container: ContainerRef, options: UploadObjectOptions): Promise<StorageObject> {
    const { filePath: _f, data: _d, ...rest } = options ?? {};
    return this.uploadObjectViaStream(container, { ...rest, source: uploadSource(options) });
  }
  /** Uploads `options.source` (a stream or iterable of chunks) as object `options.name` of `container`. Atomic. */
  async uploadObjectViaStream(_container: ContainerRef, _options: UploadObjectViaStreamOptions): Promise<StorageObject> {
    return this.notSupported('uploadObjectViaStream');
  }
  /**
   * Downloads an object to local file `options.destinationPath`, atomically (temporary file in the
   * destination's directory, renamed when complete and verified). The base implementation reads
   * `downloadObjectAsStream`.
   */
  async downloadObject(object: StorageObject, options: DownloadObjectOptions): Promise<boolean> {
    const { destinationPath, overwrite, start, end, signal, verifyHash } = options ?? {};
    return downloadToFile(() => this.downloadObjectAsStream(object, { start, end, signal, verifyHash }), {
      destinationPath,
      overwrite,
      signal,
      provider: this.providerId,
    });
  }
  /** Downloads an object as a stream (optionally a byte range). */
  async downloadObjectAsStream(_object: StorageObject, _options?: DownloadObjectAsStreamOptions): Promise<Readable> {
    return this.notSupported('downloadObjectAsStream');
  }
  /** Deletes an object. */
  async deleteObject(_object: StorageObject, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('deleteObject');
  }
  /**
   * Copies an object (server-side where the provider can) to `options.destinationName` in
   * `options.destinationContainer` (default: the same container); returns the copy.
   */
  async copyObject(_object: StorageObject, _options: CopyObjectOptions): Promise<StorageObject> {
    return this.notSupported('copyObject');
  }
  /**
   * Replaces an object's user metadata (`options.meta`) and/or content type (`options.contentType`)
   * without re-uploading its bytes; returns the updated object.
   */
  async updateObjectMetadata(_object: StorageObject, _options: UpdateObjectMetadataOptions): Promise<StorageObject> {
    return this.notSupported('updateObjectMetadata');
  }
  /**
   * A temporary (presigned) URL that lets anyone holding it `GET` or `PUT` object `options.name` of
   * `container` without credentials until `options.expiresInMs` from now.
   */
  async getObjectTempUrl(_container: ContainerRef, _options: GetObjectTempUrlOptions): Promise<string> {
    return this.notSupported('getObjectTempUrl');
  }
  /** Enables CDN for a container. */
  async enableContainerCdn(_container: ContainerRef, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('enableContainerCdn');
  }
  /** CDN URL of a container. */
  async getContainerCdnUrl(_container: ContainerRef, _options?: CallOptions): Promise<string> {
    return this.notSupported('getContainerCdnUrl');
  }
  /** Enables CDN for an object. */
  async enableObjectCdn(_object: StorageObject, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('enableObjectCdn');
  }
  /** CDN URL of an object. */
  async getObjectCdnUrl(_object: StorageObject, _options?: CallOptions): Promise<string> {
    return this.notSupported('getObjectCdnUrl');
  }
}
