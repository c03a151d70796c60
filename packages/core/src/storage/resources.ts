import type { StorageDriver } from './base-driver.js';
import { sameResource } from '../common/same-resource.js';

/** One descriptor for every `driver` back-reference (listings build thousands of objects); emptied after use. */
const DRIVER: PropertyDescriptor = { value: undefined, enumerable: false, writable: false };

function attach(target: object, driver: StorageDriver): void {
  DRIVER.value = driver;
  Object.defineProperty(target, 'driver', DRIVER);
  DRIVER.value = undefined;
}

/** The metadata of objects that have none: one frozen object shared by all. */
const NO_META: Readonly<Record<string, string>> = Object.freeze({});

/** A frozen copy of `meta`, or the shared empty one. */
function frozenMeta(meta: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
  if (meta === undefined) return NO_META;
  for (const _ in meta) return Object.freeze({ ...meta });
  return NO_META;
}

/** Fields of a {@link Container}. */
export interface ContainerInit<E extends object = object> {
  name: string;
  extra?: E;
}

/** A bucket / container of objects. */
export class Container<E extends object = object> {
  /** Container name. */
  readonly name: string;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver (non-enumerable). */
  declare readonly driver: StorageDriver;
  constructor(init: ContainerInit<E>, driver: StorageDriver) {
    this.name = init.name;
    this.extra = init.extra ?? ({} as E);
    attach(this, driver);
  }

  /** Whether `other` is the same container: same provider, same place and same name (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => r.name);
  }
}

/** Fields of a {@link StorageObject}. */
export interface StorageObjectInit<E extends object = object> {
  name: string;
  /** Size in bytes. */
  size: number;
  /** Entity tag / content hash as the provider reports it. */
  hash: string;
  /** Content type, if known. */
  contentType?: string | undefined;
  /** Last modification time, if known. */
  lastModified?: Date | undefined;
  /** User metadata (`x-*-meta-*`). */
  meta?: Readonly<Record<string, string>>;
  /** Container name. */
  containerName: string;
  extra?: E;
}

/** An object (blob) in a container. Named `StorageObject` because `Object` is taken in JS. */
export class StorageObject<E extends object = object> {
  /** Object name (key). */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** ETag / hash. */
  readonly hash: string;
  /** Content type. */
  readonly contentType: string | undefined;
  /** Last modified. */
  readonly lastModified: Date | undefined;
  /** User metadata. */
  readonly meta: Readonly<Record<string, string>>;
  /** Container name. */
  readonly containerName: string;
  /** Provider-specific data. */
  readonly extra: E;
  /** Driver (non-enumerable). */
  declare readonly driver: StorageDriver;
  constructor(init: StorageObjectInit<E>, driver: StorageDriver) {
    this.name = init.name;
    this.size = init.size;
    this.hash = init.hash;
    this.contentType = init.contentType;
    this.lastModified = init.lastModified;
    this.meta = frozenMeta(init.meta);
    this.containerName = init.containerName;
    this.extra = init.extra ?? ({} as E);
    attach(this, driver);
  }

  /** Whether `other` is the same object: same provider, same place and same name}` (other fields may differ). */
  equals(other: unknown): boolean {
    return sameResource(this, other, (r) => `${r.containerName}/${r.name}`);
  }
}
