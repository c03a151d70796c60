import { NotFoundError } from '@cloudmux/core/errors';
import { selectEndpoint } from '../../src/identity/catalog.js';
import { canonicalServiceType, serviceTypeCandidates } from '../../src/identity/service-types.js';
import type { CatalogService, EndpointInterface } from '../../src/identity/types.js';

function svc(type: string, name: string, entries: Array<[string, EndpointInterface, string]>): CatalogService {
  return {
    type,
    name,
    id: undefined,
    endpoints: entries.map(([region, iface, url]) => ({ region, interface: iface, url, id: undefined })),
  };
}

const catalog: CatalogService[] = [
  svc('identity', 'keystone', [
    ['RegionOne', 'public', 'https://id.example/v3'],
    ['RegionOne', 'admin', 'https://id-admin.example/v3'],
  ]),
  svc('compute', 'nova', [
    ['RegionOne', 'public', 'https://nova1.example/v2.1'],
    ['RegionOne', 'internal', 'http://nova1.internal/v2.1'],
    ['RegionTwo', 'public', 'https://nova2.example/v2.1'],
  ]),
  svc('compute', 'nova-legacy', [['RegionOne', 'public', 'https://legacy.example/v2']]),
  svc('volumev2', 'cinderv2', [['RegionOne', 'public', 'https://cinder.example/v2/p']]),
  svc('block-storage', 'cinder', [['RegionOne', 'public', 'https://cinder.example/v3/p']]),
];

describe('selectEndpoint', () => {
  it('picks the first public endpoint of a type when no region is set', () => {
    expect(selectEndpoint('openstack', catalog, { type: 'compute' }).endpoint.url).toBe('https://nova1.example/v2.1');
  });

  it('filters by region, interface and name', () => {
    expect(selectEndpoint('openstack', catalog, { type: 'compute', region: 'RegionTwo' }).endpoint.url).toBe('https://nova2.example/v2.1');
    expect(selectEndpoint('openstack', catalog, { type: 'compute', interface: 'internal' }).endpoint.url).toBe(
      'http://nova1.internal/v2.1',
    );
    expect(selectEndpoint('openstack', catalog, { type: 'compute', name: 'nova-legacy' }).endpoint.url).toBe('https://legacy.example/v2');
    expect(selectEndpoint('openstack', catalog, { type: 'identity', interface: 'admin' }).endpoint.url).toBe('https://id-admin.example/v3');
  });

  it('uses the defaults when the selector leaves region and interface unset', () => {
    const picked = selectEndpoint('openstack', catalog, { type: 'compute' }, { region: 'RegionTwo' });
    expect(picked.endpoint.url).toBe('https://nova2.example/v2.1');
    expect(selectEndpoint('openstack', catalog, { type: 'compute' }, { interface: 'internal' }).endpoint.url).toBe(
      'http://nova1.internal/v2.1',
    );
  });

  it('falls back to a region-less (global) endpoint when the region has none', () => {
    const withGlobal: CatalogService[] = [
      ...catalog,
      {
        type: 'rax:dns',
        name: 'cloudDNS',
        id: undefined,
        endpoints: [{ region: undefined, interface: 'public', url: 'https://dns/v1.0/1', id: undefined }],
      },
    ];
    expect(selectEndpoint('openstack', withGlobal, { type: 'rax:dns' }, { region: 'RegionTwo' }).endpoint.url).toBe('https://dns/v1.0/1');
    expect(() => selectEndpoint('openstack', withGlobal, { type: 'rax:dns', interface: 'internal' }, { region: 'RegionTwo' })).toThrow(
      NotFoundError,
    );
    // a regional endpoint still wins over nothing, and a wrong region of a regional service is still an error
    expect(() => selectEndpoint('openstack', withGlobal, { type: 'compute', region: 'RegionThree' })).toThrow(NotFoundError);
  });

  it('resolves block-storage aliases, preferring the requested type, then block-storage over volumev2', () => {
    expect(selectEndpoint('openstack', catalog, { type: 'volumev3' }).service.type).toBe('block-storage');
    expect(selectEndpoint('openstack', catalog, { type: 'volume' }).service.type).toBe('block-storage');
    expect(selectEndpoint('openstack', catalog, { type: 'volumev2' }).service.type).toBe('volumev2');
    const onlyV3 = [svc('volumev3', 'cinderv3', [['R', 'public', 'https://c/v3/p']])];
    expect(selectEndpoint('openstack', onlyV3, { type: 'block-storage' }).endpoint.url).toBe('https://c/v3/p');
  });

  it('names available services and regions when nothing matches', () => {
    let err: unknown;
    try {
      selectEndpoint('openstack', catalog, { type: 'network', region: 'RegionOne' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NotFoundError);
    const e = err as NotFoundError;
    expect(e.providerCode).toBe('EndpointNotFound');
    expect(e.message).toContain('service type "network"');
    expect(e.message).toContain('compute (nova) [RegionOne: public, internal | RegionTwo: public]');
    expect(e.message).toContain('Regions: RegionOne, RegionTwo');
  });

  it('says where a service exists when the region or interface is wrong', () => {
    expect(() => selectEndpoint('openstack', catalog, { type: 'compute', region: 'RegionThree' })).toThrow(
      /region "RegionThree".*compute is offered only as: compute \(nova\) \[RegionOne/,
    );
    expect(() => selectEndpoint('openstack', catalog, { type: 'compute', interface: 'admin', region: 'RegionTwo' })).toThrow(
      /interface admin, region "RegionTwo"/,
    );
  });

  it('explains an empty catalog (unscoped token)', () => {
    expect(() => selectEndpoint('openstack', [], { type: 'compute' })).toThrow(/catalog is empty.*unscoped token.*OS_PROJECT_NAME/);
  });
});

describe('service types', () => {
  it('maps aliases to the canonical type', () => {
    expect(canonicalServiceType('volumev3')).toBe('block-storage');
    expect(canonicalServiceType('VOLUME')).toBe('block-storage');
    expect(canonicalServiceType('compute')).toBe('compute');
    expect(canonicalServiceType('rax:dns')).toBe('rax:dns');
  });

  it('lists candidates with the requested type first', () => {
    expect(serviceTypeCandidates('volumev3')).toEqual(['volumev3', 'block-storage', 'volume', 'volumev2', 'block-store']);
    expect(serviceTypeCandidates('image')).toEqual(['image']);
  });
});
