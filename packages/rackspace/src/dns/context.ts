/**
 * What the resource modules of the Cloud DNS driver need; held in the driver's private field.
 * @module
 */
import type { DnsDriver } from '@cloudmux/core/dns';
import type { IdentitySession } from '@cloudmux/openstack';
import { resolveRackspaceAuth } from '../identity/index.js';
import { RackspaceDnsClient } from './client.js';
import { P, RACKSPACE_DNS_OPTION_KEYS, resolveJobSettings, type RackspaceDnsDriverOptions } from './options.js';

/** The driver's context. */
export interface RackspaceDnsContext {
  /** The Cloud DNS client. */
  readonly client: RackspaceDnsClient;
  /** The identity session (token cache, catalog). */
  readonly session: IdentitySession;
  /** The driver, for result objects' back-reference. */
  readonly driver: DnsDriver;
}

/** Validates the constructor arguments and builds the context (region optional: Cloud DNS is global). */
export function createContext(
  driver: DnsDriver,
  username: string | undefined,
  apiKey: string | undefined,
  options: RackspaceDnsDriverOptions,
): RackspaceDnsContext {
  const { session } = resolveRackspaceAuth(
    P,
    username,
    apiKey,
    options as RackspaceDnsDriverOptions & Record<string, unknown>,
    RACKSPACE_DNS_OPTION_KEYS,
    false,
  );
  const jobs = resolveJobSettings(options);
  return { client: new RackspaceDnsClient(session, jobs), session, driver };
}
