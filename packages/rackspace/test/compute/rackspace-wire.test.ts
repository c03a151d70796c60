import { Router, SimulatorHttpError, SimulatorServer, jsonReply, parseJsonBody, type SimulatorRequest } from '@cloudmux/core/testing';
import { RackspaceNodeDriver } from '../../src/index.js';

// A stand-in for the real Rackspace cloud's wire shapes that the OpenStack simulator does not have: Nova v2
// at `https://<region>.servers.api.rackspacecloud.com/v2/<account>` without microversions (a version document
// without `version`/`min_version`, or none at all), flavors with `OS-FLV-WITH-EXT-SPECS:extra_specs`, a
// catalog with one distinct `cloudServersOpenStack` URL per region (plus first-gen `cloudServers`).
const ACCOUNT = '123456';
const TOKEN = 'tok-0123456789abcdef';
const REGIONS = ['DFW', 'ORD', 'IAD'];

let server: SimulatorServer;

function authed(req: SimulatorRequest): void {
  if (req.headers['x-auth-token'] !== TOKEN)
    throw new SimulatorHttpError(
      jsonReply(401, { unauthorized: { code: 401, message: 'Unable to authenticate user with credentials provided.' } }),
    );
}

function router(): Router {
  const url = (): string => server.url;
  const r = new Router();
  r.add('POST', '/v2.0/tokens', (req) => {
    const cred = (parseJsonBody(req) as { auth?: Record<string, { username?: string; apiKey?: string }> }).auth?.[
      'RAX-KSKEY:apiKeyCredentials'
    ];
    if (cred?.username !== 'acme' || cred.apiKey !== 'acme-key')
      return jsonReply(401, { unauthorized: { code: 401, message: 'Username or api key is invalid.' } });
    return jsonReply(200, {
      access: {
        token: { id: TOKEN, expires: new Date(Date.now() + 86_400_000).toISOString(), tenant: { id: ACCOUNT, name: ACCOUNT } },
        user: { id: '42', name: 'acme', 'RAX-AUTH:defaultRegion': 'DFW', roles: [] },
        serviceCatalog: [
          { name: 'cloudServers', type: 'compute', endpoints: [{ tenantId: ACCOUNT, publicURL: `${url()}/firstgen/v1.0/${ACCOUNT}` }] },
          {
            name: 'cloudServersOpenStack',
            type: 'compute',
            endpoints: REGIONS.map((region) => ({
              region,
              tenantId: ACCOUNT,
              publicURL: `${url()}/${region.toLowerCase()}/v2/${ACCOUNT}`,
              versionInfo: `${url()}/${region.toLowerCase()}/v2`,
              versionList: `${url()}/${region.toLowerCase()}/`,
              versionId: '2',
            })),
          },
        ],
      },
    });
  });
  // ORD and DFW answer their version root like Rackspace (no microversion range); IAD has no version document.
  r.add('GET', '/:region/v2', (req, p) => {
    authed(req);
    if (p.region === 'iad') return jsonReply(404, { itemNotFound: { code: 404, message: 'The resource could not be found.' } });
    return jsonReply(200, {
      version: {
        status: 'CURRENT',
        updated: '2011-01-21T11:33:21Z',
        id: 'v2.0',
        links: [{ href: `${server.url}/${p.region!}/v2/`, rel: 'self' }],
      },
    });
  });
  r.add('GET', '/:region/v2/:account/servers/detail', (req, p) => {
    authed(req);
    return jsonReply(200, {
      servers: [
        {
          id: `srv-${p.region!}`,
          name: `web-${p.region!}`,
          status: 'ACTIVE',
          tenant_id: p.account,
          user_id: '42',
          metadata: {},
          image: { id: 'img-1' },
          flavor: { id: 'general1-1' },
          addresses: { public: [{ addr: '162.209.1.10', version: 4 }], private: [{ addr: '10.176.2.3', version: 4 }] },
          accessIPv4: '162.209.1.10',
          accessIPv6: '',
          'OS-DCF:diskConfig': 'AUTO',
          'OS-EXT-STS:task_state': null,
          'OS-EXT-STS:vm_state': 'active',
          created: '2024-01-02T03:04:05Z',
          updated: '2024-01-02T03:05:05Z',
        },
      ],
    });
  });
  r.add('GET', '/:region/v2/:account/flavors/detail', (req) => {
    authed(req);
    return jsonReply(200, {
      flavors: [
        {
          id: '2',
          name: '512MB Standard Instance',
          ram: 512,
          disk: 20,
          vcpus: 1,
          swap: 512,
          rxtx_factor: 80,
          'OS-FLV-EXT-DATA:ephemeral': 0,
          'OS-FLV-WITH-EXT-SPECS:extra_specs': { class: 'standard1', policy_class: 'standard_flavor' },
        },
        {
          id: 'general1-1',
          name: '1 GB General Purpose v1',
          ram: 1024,
          disk: 20,
          vcpus: 1,
          swap: '',
          rxtx_factor: 200,
          'OS-FLV-EXT-DATA:ephemeral': 0,
          'OS-FLV-WITH-EXT-SPECS:extra_specs': { class: 'general1', policy_class: 'general_flavor', disk_io_index: '40' },
        },
      ],
    });
  });
  return r;
}

beforeAll(async () => {
  server = await SimulatorServer.start(router().handle);
});
afterAll(() => server.close());
beforeEach(() => server.clearRequests());

function driver(region: 'DFW' | 'ORD' | 'IAD'): RackspaceNodeDriver {
  return new RackspaceNodeDriver('acme', 'acme-key', { region, identity: `${server.url}/v2.0`, retry: false });
}

function microversionHeaders(): string[] {
  return server.requests.flatMap((r) =>
    ['openstack-api-version', 'x-openstack-nova-api-version'].filter((h) => r.headers[h] !== undefined).map((h) => `${r.path} ${h}`),
  );
}

describe('Cloud Servers wire shapes (Rackspace catalog URL form, no microversions)', () => {
  it('talks to the chosen region’s cloudServersOpenStack URL (/v2/<account>) with no microversion', async () => {
    const d = driver('ORD');
    const nodes = await d.listNodes();
    expect(nodes.map((n) => n.name)).toEqual(['web-ord']);
    expect(d.computeMicroversion).toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v2.0/tokens',
      'GET /ord/v2/',
      `GET /ord/v2/${ACCOUNT}/servers/detail?limit=1000`,
    ]);
    expect(microversionHeaders()).toEqual([]);
    expect(nodes[0]?.extra.diskConfig).toBe('AUTO');
    expect(nodes[0]?.sizeId).toBe('general1-1');
    expect(nodes[0]?.publicIps).toEqual(['162.209.1.10']);
    await d.close();
  });

  it('works without a version document (404 at the version root)', async () => {
    const d = driver('IAD');
    expect((await d.listNodes()).map((n) => n.id)).toEqual(['srv-iad']);
    expect(d.computeMicroversion).toBeUndefined();
    expect(microversionHeaders()).toEqual([]);
    await d.close();
  });

  it('reads embedded flavor extra specs (no os-extra_specs calls) and prices by region', async () => {
    const d = driver('DFW');
    const sizes = await d.listSizes();
    expect(server.requests.some((r) => r.path.includes('os-extra_specs'))).toBe(false);
    expect(sizes.map((s) => [s.id, s.price])).toEqual([
      ['2', 0.022],
      ['general1-1', undefined],
    ]);
    expect(sizes[1]?.extra.extraSpecs).toEqual({ class: 'general1', policy_class: 'general_flavor', disk_io_index: '40' });
    expect(server.requests.every((r) => !r.path.startsWith('/firstgen'))).toBe(true);
    await d.close();
  });

  it('refuses a pinned microversion on a Nova without microversions', async () => {
    const d = new RackspaceNodeDriver('acme', 'acme-key', {
      region: 'ORD',
      identity: `${server.url}/v2.0`,
      retry: false,
      computeMicroversion: '2.60',
    });
    await expect(d.listNodes()).rejects.toThrow(/no microversions/);
    await d.close();
  });
});
