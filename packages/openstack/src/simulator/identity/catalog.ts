/**
 * The catalog the simulated Keystone hands out: every service of this simulator, under devstack-like
 * prefixes, in every configured region.
 * @module
 */
import type { SimCatalogService } from '../options.js';
import type { SimulatorWorld } from '../world.js';
import type { SimToken } from './model.js';

type ServiceDef = SimCatalogService;

/** Services in the catalog; `$(project_id)s` is filled per token (endpoints needing it are left out of unscoped catalogs). */
export const CATALOG_SERVICES: readonly ServiceDef[] = Object.freeze([
  {
    type: 'identity',
    name: 'keystone',
    id: 'a7a9d7b6c9f14e1c8d7f0b1b7c1d0001',
    path: '/identity',
    interfaces: ['public', 'internal', 'admin'],
  },
  { type: 'compute', name: 'nova', id: 'a7a9d7b6c9f14e1c8d7f0b1b7c1d0002', path: '/compute/v2.1', interfaces: ['public', 'internal'] },
  { type: 'image', name: 'glance', id: 'a7a9d7b6c9f14e1c8d7f0b1b7c1d0003', path: '/image', interfaces: ['public', 'internal'] },
  {
    type: 'block-storage',
    name: 'cinder',
    id: 'a7a9d7b6c9f14e1c8d7f0b1b7c1d0004',
    path: '/volume/v3/$(project_id)s',
    interfaces: ['public', 'internal'],
  },
  {
    type: 'volumev3',
    name: 'cinderv3',
    id: 'a7a9d7b6c9f14e1c8d7f0b1b7c1d0005',
    path: '/volume/v3/$(project_id)s',
    interfaces: ['public', 'internal'],
  },
  { type: 'network', name: 'neutron', id: 'a7a9d7b6c9f14e1c8d7f0b1b7c1d0006', path: '/network', interfaces: ['public', 'internal'] },
  {
    type: 'object-store',
    name: 'swift',
    id: 'a7a9d7b6c9f14e1c8d7f0b1b7c1d0007',
    path: '/swift/v1/AUTH_$(project_id)s',
    interfaces: ['public', 'internal'],
  },
]);

interface Endpoint {
  id: string;
  interface: string;
  region: string | undefined;
  url: string;
}

function endpointsFor(world: SimulatorWorld, def: ServiceDef, token: SimToken): Endpoint[] {
  const regions: (string | undefined)[] = def.global ? [undefined] : [world.options.region, ...world.options.extraRegions];
  const needsProject = def.path.includes('$(project_id)s');
  if (needsProject && !token.project) return [];
  const path = token.project ? def.path.replace('$(project_id)s', token.project.id) : def.path;
  const out: Endpoint[] = [];
  regions.forEach((region, r) => {
    def.interfaces.forEach((iface, i) => {
      out.push({
        id: `${def.id.slice(0, 28)}${String(r).padStart(2, '0')}${String(i).padStart(2, '0')}`,
        interface: iface,
        region,
        url: `${world.url}${path}`,
      });
    });
  });
  return out;
}

function services(world: SimulatorWorld): ServiceDef[] {
  return (world.options.catalogServices ?? CATALOG_SERVICES).filter((s) => !world.options.omitServices.includes(s.type));
}

/** The v3 `catalog` array for a token (empty when unscoped). */
export function v3Catalog(world: SimulatorWorld, token: SimToken): unknown[] {
  if (!token.project && !token.domain) return [];
  return services(world)
    .map((def) => ({
      endpoints: endpointsFor(world, def, token).map((e) => ({
        id: e.id,
        interface: e.interface,
        region: e.region,
        region_id: e.region,
        url: e.url,
      })),
      id: def.id,
      type: def.type,
      name: def.name,
    }))
    .filter((s) => s.endpoints.length > 0);
}

/** The v2.0 `serviceCatalog` array for a token (empty when unscoped). */
export function v2Catalog(world: SimulatorWorld, token: SimToken): unknown[] {
  if (!token.project) return [];
  return services(world).map((def) => {
    const eps = endpointsFor(world, def, token);
    const regions = [...new Set(eps.map((e) => e.region))];
    return {
      endpoints: regions.map((region) => {
        const of = (iface: string): string | undefined => eps.find((e) => e.region === region && e.interface === iface)?.url;
        const pub = of('public');
        return {
          adminURL: of('admin') ?? of('internal') ?? pub,
          region,
          internalURL: of('internal') ?? pub,
          id: eps.find((e) => e.region === region)?.id,
          publicURL: pub,
        };
      }),
      endpoints_links: [],
      type: def.type,
      name: def.name,
    };
  });
}
