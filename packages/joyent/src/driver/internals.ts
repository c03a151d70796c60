import type { CloudApiCredentials } from '../auth/credentials.js';
import type { CloudApiClient } from '../client/cloudapi-client.js';
import type { JoyentDatacenter } from '../types.js';
import type { JoyentDriverOptions } from './options.js';
import type { ResolvedSettings } from './settings.js';

/** Per-driver private state, kept out of the public object (so logging a driver leaks nothing). */
export interface DriverInternals {
  /** The endpoint client. */
  readonly client: CloudApiClient;
  /** Validated settings. */
  readonly settings: ResolvedSettings;
  /** Shared credentials (also used by drivers for other datacenters). */
  readonly credentials: CloudApiCredentials;
  /** Constructor inputs, to build a driver for another datacenter. */
  readonly account: string;
  /** Second constructor argument as given. */
  readonly keyIdOrPath: string | undefined;
  /** Options as given. */
  readonly options: JoyentDriverOptions;
  /** Cached datacenter list. */
  datacenters: Promise<JoyentDatacenter[]> | undefined;
}

const INTERNALS = new WeakMap<object, DriverInternals>();

/** Registers a driver's internals. */
export function setInternals(driver: object, internals: DriverInternals): void {
  INTERNALS.set(driver, internals);
}

/** A driver's internals. */
export function internalsOf(driver: object): DriverInternals {
  const i = INTERNALS.get(driver);
  if (!i) throw new TypeError('Not a constructed JoyentNodeDriver');
  return i;
}

/** Symbol-keyed constructor option carrying credentials from an existing driver (invisible to option validation). */
export const SHARED_CREDENTIALS: unique symbol = Symbol('cloudmux.joyent.sharedCredentials');
