import type { StorageDriver } from './base-driver.js';

/** Fields of an {@link ObjectPrefix}. */
export interface ObjectPrefixInit {
  /** The common prefix, ending with the delimiter (`photos/2024/`). */
  name: string;
  /** Container name. */
  containerName: string;
}

/**
 * A common prefix of object names (a "directory") found by `listContainerPrefixes` with a delimiter:
 * every object whose name starts with `name` is below it. Not an object: it has no size or hash.
 */
export class ObjectPrefix {
  /** Discriminates prefixes from objects in mixed collections. */
  readonly kind = 'prefix' as const;
  /** The prefix, ending with the delimiter. */
  readonly name: string;
  /** Container name. */
  readonly containerName: string;
  /** Driver (non-enumerable). */
  declare readonly driver: StorageDriver;
  constructor(init: ObjectPrefixInit, driver: StorageDriver) {
    this.name = init.name;
    this.containerName = init.containerName;
    Object.defineProperty(this, 'driver', { value: driver, enumerable: false, writable: false });
  }
}
