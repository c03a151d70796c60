import type { NodeDriver } from '@cloudmux/core/compute';
import { CloudApiCredentials } from '../auth/credentials.js';
import { CloudApiClient } from './client.js';
import { resolveSettings, type JoyentDriverOptions, type ResolvedSettings } from './options.js';
import type { DatasetIdCache } from './dataset-ids.js';
import type { JoyentDatacenter } from './types.js';

/**
 * What the resource modules (`nodes.ts`, `catalog.ts`, `key-pairs.ts`…) need from a driver
 * instance. The driver holds it in a private field, so logging a driver leaks nothing.
 */
export interface JoyentContext {
  /** The CloudAPI client. */
  readonly client: CloudApiClient;
  /** Validated settings (`datacenter` is learned from ListDatacenters when unknown). */
  readonly settings: ResolvedSettings;
  /** Shared credentials (also used by drivers for other datacenters). */
  readonly credentials: CloudApiCredentials;
  /** Account login, as given to the constructor (to build a driver for another datacenter). */
  readonly account: string;
  /** Second constructor argument as given. */
  readonly keyIdOrPath: string | undefined;
  /** Options as given. */
  readonly options: JoyentDriverOptions;
  /** Cached datacenter list. */
  datacenters: Promise<JoyentDatacenter[]> | undefined;
  /** Legacy 6.5 mode: dataset URN → dataset id, learned from ListDatasets (see `dataset-ids.ts`). */
  datasetIds: DatasetIdCache | undefined;
  /** The driver (back-reference for result objects, and the class a driver for another datacenter is made of). */
  readonly driver: NodeDriver;
}

/** Symbol-keyed constructor option carrying credentials from an existing driver (invisible to option validation). */
export const SHARED_CREDENTIALS: unique symbol = Symbol('cloudmux.joyent.sharedCredentials');

/** Validates the constructor arguments and builds the context of `driver`. */
export function createContext(
  driver: NodeDriver,
  account: string,
  keyIdOrPath: string | undefined,
  options: JoyentDriverOptions,
): JoyentContext {
  const shared = (options as { [SHARED_CREDENTIALS]?: CloudApiCredentials })[SHARED_CREDENTIALS];
  const { settings, credentials: spec } = shared
    ? resolveSettings(account, undefined, {
        ...options,
        user: shared.spec.user,
        privateKey: undefined,
        keyPath: undefined,
        passphrase: undefined,
        useAgent: false,
        sshDir: false,
      })
    : resolveSettings(account, keyIdOrPath, options);
  const credentials = shared ?? new CloudApiCredentials(spec);
  const client = new CloudApiClient(settings, credentials, options);
  return { client, settings, credentials, account, keyIdOrPath, options, datacenters: undefined, datasetIds: undefined, driver };
}
