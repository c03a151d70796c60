import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { InvalidArgumentError, InvalidCredentialsError, NotFoundError } from '@cloudmux/core/errors';
import { jsonReply, Router, SimulatorServer } from '@cloudmux/core/testing';
import { CLOUDFILES_PROVIDER, CloudFilesStorageDriver, resolveRackspaceAuth } from '@cloudmux/rackspace';
import { RackspaceSimulator } from '@cloudmux/rackspace/simulator';

let sim: RackspaceSimulator;
beforeAll(async () => {
  sim = await RackspaceSimulator.start();
});
afterAll(async () => {
  await sim.stop();
});

/** A stub Rackspace identity whose catalog has a distinct Cloud Files URL per region and interface. */
async function stubCloud(): Promise<SimulatorServer> {
  const router = new Router();
  let url = '';
  const ep = (path: string, region: string, internal?: string) => ({
    region,
    tenantId: 'MossoCloudFS_x',
    publicURL: `${url}/${path}/v1/MossoCloudFS_x`,
    ...(internal ? { internalURL: `${url}/${internal}/v1/MossoCloudFS_x` } : {}),
  });
  router.add('POST', '/v2.0/tokens', () =>
    jsonReply(200, {
      access: {
        token: { id: 'stub-token', expires: '2099-01-01T00:00:00Z', tenant: { id: '123', name: '123' } },
        user: { id: 'u', name: 'demo' },
        serviceCatalog: [
          { name: 'otherStore', type: 'object-store', endpoints: [ep('other-dfw', 'DFW'), ep('other-ord', 'ORD')] },
          { name: 'cloudFiles', type: 'object-store', endpoints: [ep('dfw', 'DFW', 'snet-dfw'), ep('ord', 'ORD', 'snet-ord')] },
          { name: 'cloudFilesCDN', type: 'rax:object-cdn', endpoints: [ep('cdn-dfw', 'DFW'), ep('cdn-ord', 'ORD')] },
        ],
      },
    }),
  );
  router.add('GET', '/:store/v1/:account', () => jsonReply(200, []));
  const server = await SimulatorServer.start(router.handle);
  url = server.url;
  return server;
}

describe('CloudFilesStorageDriver: construction, regions, environment', () => {
  it('declares the cloudfiles provider with the six regions', () => {
    expect(CloudFilesStorageDriver.provider).toBe(CLOUDFILES_PROVIDER);
    expect(CLOUDFILES_PROVIDER).toMatchObject({ id: 'cloudfiles', name: 'Rackspace Cloud Files' });
    expect(CLOUDFILES_PROVIDER.regions.map((r) => r.id)).toEqual(['DFW', 'ORD', 'IAD', 'LON', 'SYD', 'HKG']);
    expect(CloudFilesStorageDriver.capabilities).toEqual(
      expect.arrayContaining(['enableContainerCdn', 'getContainerCdnUrl', 'getObjectCdnUrl']),
    );
    expect(CloudFilesStorageDriver.capabilities).not.toContain('enableObjectCdn');
  });

  it("sends container calls to the region's cloudFiles endpoint (by catalog name), ServiceNet to its internal URL", async () => {
    const stub = await stubCloud();
    try {
      const ord = new CloudFilesStorageDriver('demo', 'key', { region: 'ORD', identity: `${stub.url}/v2.0` });
      expect(await ord.listContainers()).toEqual([]);
      expect(await ord.exGetStorageUrl()).toBe(`${stub.url}/ord/v1/MossoCloudFS_x`);
      expect(await ord.exGetCdnManagementUrl()).toBe(`${stub.url}/cdn-ord/v1/MossoCloudFS_x`);
      ord.close();
      const snet = new CloudFilesStorageDriver('demo', 'key', { region: 'dfw', identity: `${stub.url}/v2.0`, serviceNet: true });
      await snet.listContainers();
      expect(await snet.exGetCdnManagementUrl()).toBe(`${stub.url}/cdn-dfw/v1/MossoCloudFS_x`);
      snet.close();
      const paths = stub.requests.filter((r) => r.method === 'GET').map((r) => r.path.split('?')[0]);
      expect(paths).toEqual(['/ord/v1/MossoCloudFS_x', '/snet-dfw/v1/MossoCloudFS_x']);
    } finally {
      await stub.close();
    }
  });

  it('validates options before any request: region, unknown options, serviceNet, Swift tuning', () => {
    const identity = sim.identityUrl;
    expect(() => new CloudFilesStorageDriver('demo', 'k', { identity })).toThrow(/region.*DFW.*HKG/);
    expect(() => new CloudFilesStorageDriver('demo', 'k', { region: 'XYZ' as never, identity })).toThrow(InvalidArgumentError);
    expect(() => new CloudFilesStorageDriver('demo', 'k', { region: 'DFW', identity, bogus: 1 } as never)).toThrow(/bogus/);
    expect(() => new CloudFilesStorageDriver('demo', 'k', { region: 'DFW', identity, serviceNet: 'yes' as never })).toThrow(/serviceNet/);
    expect(() => new CloudFilesStorageDriver('demo', 'k', { region: 'DFW', identity, serviceNet: true, interface: 'public' })).toThrow(
      /serviceNet/,
    );
    expect(() => new CloudFilesStorageDriver('demo', 'k', { region: 'DFW', identity, segmentSize: 0 })).toThrow(/segmentSize/);
    expect(() => new CloudFilesStorageDriver('demo', undefined, { region: 'DFW', identity })).toThrow(/API key/);
    expect(sim.server.requests.filter((r) => r.path.includes('/tokens'))).toHaveLength(0);
  });

  it('reads RACKSPACE_* (and OS_*) variables; overrides win', async () => {
    const d = CloudFilesStorageDriver.fromEnv(
      { RACKSPACE_USERNAME: 'demo', RACKSPACE_API_KEY: 'demo-api-key', RACKSPACE_REGION: 'iad', RACKSPACE_IDENTITY: sim.identityUrl },
      { pageSize: 2 },
    );
    expect(d.region).toBe('IAD');
    await d.createContainer({ name: 'from-env' });
    expect((await d.getContainer('from-env')).name).toBe('from-env');
    d.close();
    const os = CloudFilesStorageDriver.fromEnv(
      { OS_USERNAME: 'demo', OS_PASSWORD: 'secret', OS_REGION_NAME: 'LON', OS_AUTH_URL: sim.identityUrl },
      { region: 'SYD' },
    );
    expect(os.region).toBe('SYD');
    expect((await os.getContainer('from-env')).name).toBe('from-env');
    await os.deleteContainer('from-env');
    os.close();
    expect(() => CloudFilesStorageDriver.fromEnv({})).toThrow(/RACKSPACE_USERNAME/);
  });

  it('shares a session with other Rackspace drivers', async () => {
    const { session } = resolveRackspaceAuth('rackspace', 'demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl });
    const d = new CloudFilesStorageDriver(undefined, undefined, { session, region: 'DFW' });
    expect(await d.exGetStorageUrl()).toBe(`${sim.url}/swift/v1/AUTH_${sim.accountId()}`);
    d.close();
    expect(await session.token()).toBeTruthy();
    expect(() => new CloudFilesStorageDriver('demo', 'k', { session, region: 'DFW' })).toThrow(/session/);
    session.close();
  });
});

describe('CloudFilesStorageDriver: connection settings', () => {
  it('traces storage and CDN requests to the debug file of its options, without key or token', async () => {
    const debugFile = path.join(mkdtempSync(path.join(tmpdir(), 'cf-trace-')), 'trace.log');
    const d = new CloudFilesStorageDriver('demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl, debugFile });
    await d.createContainer({ name: 'traced' });
    await d.enableContainerCdn('traced');
    await d.exGetContainerCdnInfo('traced');
    const trace = readFileSync(debugFile, 'utf8');
    expect(trace).toContain('/swift/v1/AUTH_');
    expect(trace).toContain('/cdn/v1/AUTH_');
    expect(trace).not.toContain('demo-api-key');
    const tokens = [...sim.world.identity.tokens.keys()];
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) expect(trace).not.toContain(t);
    await d.exDisableContainerCdn('traced');
    await d.deleteContainer('traced');
    d.close();
  });
});

describe('CloudFilesStorageDriver: errors', () => {
  it('maps a wrong API key to InvalidCredentialsError, without the key, naming cloudfiles', async () => {
    const d = new CloudFilesStorageDriver('demo', 'wrong-secret-key', { region: 'DFW', identity: sim.identityUrl });
    const err = await d.listContainers().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect((err as InvalidCredentialsError).provider).toBe('cloudfiles');
    expect(String((err as Error).message)).not.toContain('wrong-secret-key');
    expect(inspect(d, { depth: 6 })).not.toContain('wrong-secret-key');
    d.close();
  });

  it('maps Swift errors with the cloudfiles provider id', async () => {
    const d = new CloudFilesStorageDriver('demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl });
    const err = await d.getContainer('missing-container').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).provider).toBe('cloudfiles');
    d.close();
  });

  it('re-authenticates once when the token is revoked', async () => {
    const d = new CloudFilesStorageDriver('demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl });
    await d.listContainers();
    await d.exListCdnContainers();
    sim.revokeAllTokens();
    await d.listContainers();
    sim.revokeAllTokens();
    await d.exListCdnContainers();
    d.close();
  });
});
