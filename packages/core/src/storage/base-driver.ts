import type { Readable } from 'node:stream';
import { notSupported, type Capabilities } from '../common/capabilities.js';
import { drain } from '../common/iterate.js';
import type { CallOptions } from '../common/options.js';
import type { ProviderDefinition } from '../common/provider-definition.js';
import type { StorageMethod } from './capabilities.js';
import type { ContainerRef, DownloadObjectOptions, DownloadStreamOptions, ListObjectsOptions, UploadObjectOptions } from './options.js';
import type { Container, StorageObject } from './resources.js';

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

/** Base class of storage drivers; unsupported methods throw `NotSupportedError`. */
export abstract class StorageDriver {
  /** Provider definition; subclasses override. */
  static readonly provider: ProviderDefinition = { id: 'base', name: 'Base', api: 'none', regions: [] };
  /** Supported methods; subclasses override. */
  static readonly capabilities: Capabilities<StorageMethod> = [];

  /** Provider id. */
  get providerId(): string {
    return (this.constructor as typeof StorageDriver).provider.id;
  }
  /** Whether `method` is supported. */
  supports(method: StorageMethod): boolean {
    return (this.constructor as typeof StorageDriver).capabilities.includes(method);
  }
  /** Throws the standard NotSupportedError. */
  protected notSupported(method: string, detail?: string): never {
    return notSupported((this.constructor as typeof StorageDriver).provider.name, method, detail);
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
  /** Creates a container; `AlreadyExistsError` if taken. */
  async createContainer(_name: string, _options?: CallOptions): Promise<Container> {
    return this.notSupported('createContainer');
  }
  /** Deletes an empty container. */
  async deleteContainer(_container: ContainerRef, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('deleteContainer');
  }
  /** Lists all objects of a container (drains `iterateContainerObjects`). */
  listContainerObjects(container: ContainerRef, options?: ListObjectsOptions): Promise<StorageObject[]> {
    return drain(this.iterateContainerObjects(container, options));
  }
  /** Iterates objects lazily in name order with bounded memory. */
  // eslint-disable-next-line require-yield
  async *iterateContainerObjects(_container: ContainerRef, _options?: ListObjectsOptions): AsyncIterable<StorageObject> {
    this.notSupported('listContainerObjects');
  }
  /** Gets an object's metadata; `NotFoundError` if absent. */
  async getObject(_container: ContainerRef, _name: string, _options?: CallOptions): Promise<StorageObject> {
    return this.notSupported('getObject');
  }
  /** Uploads a local file. Atomic: a failed upload leaves nothing behind. */
  async uploadObject(_filePath: string, _container: ContainerRef, _name: string, _options?: UploadObjectOptions): Promise<StorageObject> {
    return this.notSupported('uploadObject');
  }
  /** Uploads from a stream or iterable of chunks. Atomic. */
  async uploadObjectViaStream(
    _source: Readable | AsyncIterable<Uint8Array>,
    _container: ContainerRef,
    _name: string,
    _options?: UploadObjectOptions,
  ): Promise<StorageObject> {
    return this.notSupported('uploadObjectViaStream');
  }
  /** Downloads an object to a local file. */
  async downloadObject(_object: StorageObject, _destinationPath: string, _options?: DownloadObjectOptions): Promise<boolean> {
    return this.notSupported('downloadObject');
  }
  /** Downloads an object as a stream (optionally a byte range). */
  async downloadObjectAsStream(_object: StorageObject, _options?: DownloadStreamOptions): Promise<Readable> {
    return this.notSupported('downloadObjectAsStream');
  }
  /** Deletes an object. */
  async deleteObject(_object: StorageObject, _options?: CallOptions): Promise<boolean> {
    return this.notSupported('deleteObject');
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
