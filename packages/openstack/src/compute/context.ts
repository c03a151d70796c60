/**
 * What the resource modules (nodes, flavors, images, volumes, networks…) need from a driver: the session and
 * one client per service. The driver keeps it in a private field, so logging a driver leaks nothing.
 * @module
 */
import type { NodeDriver } from '@cloudmux/core/compute';
import { ServiceClient } from '../common/service-client.js';
import type { IdentitySession } from '../identity/session.js';
import { FlavorNames } from './flavor-names.js';
import { NovaClient } from './nova-client.js';
import type { OpenStackSettings } from './options.js';

/**
 * Request/response fields redacted in traces and errors besides core's defaults (passwords, tokens, keys):
 * user data (cloud-init often carries secrets), in Nova's and other tools' spellings.
 */
export const SECRET_FIELDS: readonly string[] = Object.freeze(['user_data', 'userData', 'user-data', 'user-script']);

/** The driver's context, handed to every resource function. */
export interface OpenStackContext {
  /** Back-reference for result objects. */
  readonly driver: NodeDriver;
  /** The Keystone session (token, catalog). */
  readonly session: IdentitySession;
  /** Nova, with the negotiated microversion header. */
  readonly compute: NovaClient;
  /** Glance. */
  readonly image: ServiceClient;
  /** Cinder (`block-storage`, aliases `volumev3`/`volume`). */
  readonly volume: ServiceClient;
  /** Neutron. */
  readonly network: ServiceClient;
  /** Validated settings. */
  readonly settings: OpenStackSettings;
  /** Flavor ids by name (for embedded flavors, 2.47+). */
  readonly flavorNames: FlavorNames;
}

/** Builds the context of `driver`. */
export function createContext(driver: NodeDriver, session: IdentitySession, settings: OpenStackSettings): OpenStackContext {
  const provider = settings.provider;
  const names = settings.serviceNames;
  const selector = (type: string, name: string | undefined) => ({ type, name, region: settings.region });
  const redact = SECRET_FIELDS;
  return {
    driver,
    session,
    settings,
    flavorNames: new FlavorNames(),
    compute: new NovaClient(session, {
      provider,
      redact,
      selector: selector('compute', names.compute),
      microversion: settings.computeMicroversion,
    }),
    image: new ServiceClient(session, { provider, redact, selector: selector('image', names.image) }),
    volume: new ServiceClient(session, { provider, redact, selector: selector('block-storage', names.volume) }),
    network: new ServiceClient(session, { provider, redact, selector: selector('network', names.network) }),
  };
}
