import { assertKnownOptions } from '@cloudmux/core';
import type { RetryPolicy } from '@cloudmux/core/http';
import type { StratusLabLocationOptions } from '../config/user-config.js';

/** Options of `new StratusLabNodeDriver(username?, password?, options)`. */
export interface StratusLabDriverOptions {
  /** Path of the user configuration (default `~/.stratuslab/stratuslab-user.cfg`). */
  configFile?: string | undefined;
  /** The configuration's text (INI), instead of a file. */
  config?: string | undefined;
  /** Clouds given directly (id → endpoints and credentials), instead of a configuration file. */
  locations?: Readonly<Record<string, StratusLabLocationOptions>> | undefined;
  /** Default location id (overrides the file's `selected_section`). */
  defaultLocation?: string | undefined;
  /** Per-attempt HTTP timeout in ms (default 30000). */
  timeoutMs?: number | undefined;
  /** Retry policy overrides, or `false`. */
  retry?: Partial<RetryPolicy> | false | undefined;
  /** TLS settings (custom CA; verification is on unless `rejectUnauthorized: false`). */
  tls?: { rejectUnauthorized?: boolean | undefined; ca?: string | Buffer | ReadonlyArray<string | Buffer> | undefined } | undefined;
  /** Debug trace file (default `CLOUDMUX_DEBUG`); credentials are redacted. */
  debugFile?: string | undefined;
}

/** Option names the constructor accepts. */
export const DRIVER_OPTION_KEYS: readonly string[] = [
  'configFile',
  'config',
  'locations',
  'defaultLocation',
  'timeoutMs',
  'retry',
  'tls',
  'debugFile',
];

/** Refuses unknown constructor options (`InvalidArgumentError` listing the valid ones). */
export function checkDriverOptions(options: StratusLabDriverOptions): void {
  assertKnownOptions('StratusLabNodeDriver options', options, DRIVER_OPTION_KEYS);
}

/** `createNode` extensions. */
export interface StratusLabCreateNodeEx {
  /** Virtual network of the NIC: `public` (default), `private` or `local`. */
  network?: 'public' | 'private' | 'local' | undefined;
  /** Extra context variables (`CONTEXT=[KEY="value"]`), upper-cased keys `[A-Z0-9_]`. */
  context?: Readonly<Record<string, string>> | undefined;
  /** PDisk volumes (ids from `listVolumes`, same location) attached at boot through the template. */
  volumes?: readonly string[] | undefined;
  /** Disk bus of the image (`virtio` → `vda`, `scsi` → `sda`, `ide` → `hda`); default from the image, else virtio. */
  diskBus?: 'virtio' | 'scsi' | 'ide' | undefined;
}

/** Keys of {@link StratusLabCreateNodeEx}. */
export const CREATE_NODE_EX_KEYS: readonly string[] = ['network', 'context', 'volumes', 'diskBus'];

/** `listNodes` extensions. */
export interface StratusLabListNodesEx {
  /** Only this location (default: every location). */
  location?: string | undefined;
}

/** Keys of {@link StratusLabListNodesEx}. */
export const LIST_NODES_EX_KEYS: readonly string[] = ['location'];
