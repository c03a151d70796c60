import type { DnsDriver } from '@cloudmux/core/dns';
import type { Route53Client } from './client.js';
import type { Route53Settings } from './options.js';

/** What the operation modules need from a driver instance. */
export interface Route53Context {
  /** The REST-XML client. */
  readonly client: Route53Client;
  /** The driver (back-reference for result objects). */
  readonly driver: DnsDriver;
  /** Resolved settings. */
  readonly settings: Route53Settings;
}
