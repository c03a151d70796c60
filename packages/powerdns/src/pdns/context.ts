import type { DnsDriver } from '@cloudmux/core/dns';
import { PowerDnsClient } from './client.js';
import { resolveSettings, type PowerDnsDriverOptions, type ResolvedSettings } from './options.js';

/** What the resource modules need from a driver; held in the driver's private field. */
export interface PowerDnsContext {
  /** The API client (holds the key in its signer). */
  readonly client: PowerDnsClient;
  /** Validated settings. */
  readonly settings: ResolvedSettings;
  /** The driver (back-reference for result objects). */
  readonly driver: DnsDriver;
}

/** Validates the constructor arguments and builds the context of `driver`. */
export function createContext(driver: DnsDriver, key: string, options: PowerDnsDriverOptions | undefined): PowerDnsContext {
  const settings = resolveSettings(key, options);
  const client = new PowerDnsClient(settings, key, options ?? {});
  return { client, settings, driver };
}
