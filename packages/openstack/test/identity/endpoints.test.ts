import { jsonReply, type SimulatorServer } from '@cloudmux/core/testing';
import { NotFoundError } from '@cloudmux/core/errors';
import { ServiceClient } from '../../src/common/service-client.js';
import { IdentitySession } from '../../src/identity/session.js';
import type { OpenStackSimulator } from '../../src/simulator/index.js';
import { count, demoSession, startService, startSim } from './sim-support.js';

let sim: OpenStackSimulator;
let svc: SimulatorServer;
beforeEach(async () => {
  sim = await startSim({ extraRegions: ['RegionTwo'] });
  svc = await startService(sim, (router, auth) => {
    // A Nova-like service: root lists versions, /v2.1/ describes itself (behind auth).
    router.add('GET', '/', () =>
      jsonReply(200, {
        versions: [
          { id: 'v2.0', status: 'SUPPORTED', version: '', min_version: '', links: [{ rel: 'self', href: `${svc.url}/v2/` }] },
          { id: 'v2.1', status: 'CURRENT', version: '2.96', min_version: '2.1', links: [{ rel: 'self', href: `${svc.url}/v2.1/` }] },
        ],
      }),
    );
    router.add('GET', '/v2.1', (req) => {
      auth(req);
      return jsonReply(200, { version: { id: 'v2.1', status: 'CURRENT', version: '2.96', min_version: '2.1', links: [] } });
    });
    // A Glance-like root that answers 300 Multiple Choices.
    router.add('GET', '/image', () =>
      jsonReply(300, {
        versions: [
          { id: 'v2.17', status: 'CURRENT', links: [{ rel: 'self', href: `${svc.url}/image/v2/` }] },
          { id: 'v1.0', status: 'DEPRECATED', links: [{ rel: 'self', href: `${svc.url}/image/v1/` }] },
        ],
      }),
    );
    router.add('GET', '/only-v1', () => jsonReply(200, { versions: [{ id: 'v1.0', status: 'CURRENT', links: [] }] }));
  });
});
afterEach(async () => {
  await svc.close();
  await sim.stop();
});

describe('endpoints and version discovery', () => {
  it('discovers Keystone v3 behind the unversioned catalog URL (300 Multiple Choices)', async () => {
    const s = demoSession(sim);
    expect(await s.endpoint({ type: 'identity' })).toBe(`${sim.url}/identity/v3`);
    const found = await s.discover({ type: 'identity' });
    expect(found.version?.id).toBe('v3.14');
    expect(found.versions.map((v) => v.id)).toEqual(['v3.14', 'v2.0']);
  });

  it('keeps versioned catalog URLs and selects regions', async () => {
    const s = demoSession(sim, { region: 'RegionTwo' });
    expect(await s.endpoint({ type: 'compute' })).toBe(`${sim.url}/compute/v2.1`);
    expect((await s.resolveEndpoint({ type: 'compute' })).region).toBe('RegionTwo');
    expect((await s.resolveEndpoint({ type: 'compute', region: 'RegionOne' })).region).toBe('RegionOne');
    await expect(s.endpoint({ type: 'compute', region: 'RegionNine' })).rejects.toThrow(/Regions: RegionOne, RegionTwo/);
  });

  it('discovers an unversioned override and exposes the microversion range', async () => {
    const s = demoSession(sim, { endpointOverrides: { compute: `${svc.url}/` } });
    expect(await s.endpoint({ type: 'compute' })).toBe(`${svc.url}/v2.1`);
    const d = await s.discover({ type: 'compute' });
    expect(d.endpoint.source).toBe('override');
    expect(d.version).toMatchObject({ id: 'v2.1', minMicroversion: '2.1', maxMicroversion: '2.96' });
    // Cached per URL: one GET of the root.
    await s.discover({ type: 'compute' });
    expect(svc.requests.filter((r) => r.path === '/').length).toBe(1);
  });

  it('reads the version document of a versioned URL (with the token) for its microversions', async () => {
    const s = demoSession(sim, { endpointOverrides: { compute: `${svc.url}/v2.1` } });
    const d = await s.discover({ type: 'compute' });
    expect(d.endpoint.url).toBe(`${svc.url}/v2.1`);
    expect(d.version?.maxMicroversion).toBe('2.96');
    const client = new ServiceClient(s, { provider: 'openstack', selector: { type: 'compute' } });
    expect((await client.discover()).version?.minMicroversion).toBe('2.1');
  });

  it('follows a 300 answer to the CURRENT version of the wanted major', async () => {
    const s = demoSession(sim, { endpointOverrides: { image: `${svc.url}/image` } });
    expect(await s.endpoint({ type: 'image' })).toBe(`${svc.url}/image/v2`);
  });

  it('appends the default version when the root has no version document', async () => {
    const s = demoSession(sim, { endpointOverrides: { network: `${svc.url}/neutron` } });
    expect(await s.endpoint({ type: 'network' })).toBe(`${svc.url}/neutron/v2.0`);
  });

  it('names the versions offered when the wanted one is missing', async () => {
    const s = demoSession(sim, { endpointOverrides: { image: `${svc.url}/only-v1` } });
    const err = await s.endpoint({ type: 'image' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toMatch(/offers API versions v1.0 \(CURRENT\), not v2/);
  });

  it('fills {project_id} in an override and resolves aliases of the override key', async () => {
    const s = demoSession(sim, { endpointOverrides: { volumev3: `${svc.url}/volume/v3/{project_id}` } });
    expect(await s.endpoint({ type: 'block-storage' })).toBe(`${svc.url}/volume/v3/${sim.projectId('demo')}`);
  });

  it('uses an override without authenticating when no template needs the project', async () => {
    const s = new IdentitySession({
      authUrl: sim.authUrl,
      credentials: { type: 'v3password', username: 'demo', password: 'secret' },
      endpointOverrides: { compute: `${svc.url}/v2.1` },
    });
    expect(await s.endpoint({ type: 'compute' })).toBe(`${svc.url}/v2.1`);
    expect(count(sim, 'POST', '/identity/v3/auth/tokens')).toBe(0);
  });

  it('reports a catalog without the service clearly', async () => {
    await sim.stop();
    sim = await startSim({ omitServices: ['compute'] });
    const err = await demoSession(sim)
      .endpoint({ type: 'compute' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toMatch(/no endpoint for service type "compute".*Available services: identity \(keystone\)/);
  });
});
