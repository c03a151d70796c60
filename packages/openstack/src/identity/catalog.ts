/**
 * Service catalog selection: by service type (with aliases), name, region and interface. When nothing
 * matches, the error names what the catalog does offer.
 * @module
 */
import { NotFoundError } from '@cloudmux/core/errors';
import { serviceTypeCandidates } from './service-types.js';
import type { CatalogEndpoint, CatalogService, EndpointInterface, ServiceSelector } from './types.js';

/** Defaults applied to a selector's unset fields. */
export interface CatalogDefaults {
  /** Region when the selector has none. */
  region?: string | undefined;
  /** Interface when the selector has none (else `public`). */
  interface?: EndpointInterface | undefined;
}

/** A catalog endpoint chosen for a selector, with the service it belongs to. */
export interface SelectedEndpoint {
  /** The service entry. */
  service: CatalogService;
  /** The endpoint. */
  endpoint: CatalogEndpoint;
}

/**
 * Picks the endpoint for `selector`: the first catalog type among the selector's type and its aliases that has
 * a service (of that name, when given) with an endpoint of the wanted interface in the wanted region (any
 * region when none is set: the first one listed), else a region-less (global) endpoint of that interface. Throws `NotFoundError` (provider code `EndpointNotFound`)
 * listing the services, regions and interfaces the catalog has.
 */
export function selectEndpoint(
  provider: string,
  catalog: readonly CatalogService[],
  selector: ServiceSelector,
  defaults: CatalogDefaults = {},
): SelectedEndpoint {
  const region = selector.region ?? defaults.region;
  const iface = selector.interface ?? defaults.interface ?? 'public';
  for (const type of serviceTypeCandidates(selector.type)) {
    for (const service of catalog) {
      if (service.type.toLowerCase() !== type) continue;
      if (selector.name !== undefined && service.name !== selector.name) continue;
      const endpoint =
        service.endpoints.find((e) => e.interface === iface && (region === undefined || e.region === region)) ??
        service.endpoints.find((e) => e.interface === iface && e.region === undefined);
      if (endpoint) return { service, endpoint };
    }
  }
  throw new NotFoundError(noMatchMessage(provider, catalog, selector, region, iface), {
    provider,
    providerCode: 'EndpointNotFound',
  });
}

function noMatchMessage(
  provider: string,
  catalog: readonly CatalogService[],
  selector: ServiceSelector,
  region: string | undefined,
  iface: EndpointInterface,
): string {
  const wanted =
    `service type "${selector.type}"` +
    (selector.name !== undefined ? ` named "${selector.name}"` : '') +
    ` (interface ${iface}${region !== undefined ? `, region "${region}"` : ''})`;
  if (catalog.length === 0) {
    return `${provider}: the service catalog is empty, so there is no ${wanted}; an unscoped token has no catalog: set a project (OS_PROJECT_NAME or OS_PROJECT_ID)`;
  }
  const candidates = new Set(serviceTypeCandidates(selector.type));
  const related = catalog.filter((s) => candidates.has(s.type.toLowerCase()));
  const available = catalog.map(describeService).join('; ');
  const hint =
    related.length > 0 ? ` ${related.map((s) => s.type).join('/')} is offered only as: ${related.map(describeService).join('; ')}.` : '';
  const regions = [...new Set(catalog.flatMap((s) => s.endpoints.map((e) => e.region).filter((r): r is string => r !== undefined)))];
  return (
    `${provider}: no endpoint for ${wanted} in the service catalog.${hint} ` +
    `Available services: ${available}. Regions: ${regions.length > 0 ? regions.join(', ') : '(none)'}`
  );
}

function describeService(service: CatalogService): string {
  const byRegion = new Map<string, Set<string>>();
  for (const e of service.endpoints) {
    const key = e.region ?? '(no region)';
    const set = byRegion.get(key) ?? new Set<string>();
    set.add(e.interface);
    byRegion.set(key, set);
  }
  const where = [...byRegion].map(([r, ifaces]) => `${r}: ${[...ifaces].join(', ')}`).join(' | ');
  return `${service.type}${service.name !== undefined ? ` (${service.name})` : ''} [${where || 'no endpoints'}]`;
}

/** Every region named in a catalog, in first-seen order. */
export function catalogRegions(catalog: readonly CatalogService[]): string[] {
  return [...new Set(catalog.flatMap((s) => s.endpoints.map((e) => e.region).filter((r): r is string => r !== undefined)))];
}
