import { InvalidArgumentError, InvalidCredentialsError } from '@cloudmux/core/errors';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import {
  CloudFilesStorageDriver,
  RACKSPACE_SERVICES,
  RackspaceDnsDriver,
  RackspaceLoadBalancerDriver,
  RackspaceNodeDriver,
  rackspaceAuthFromEnv,
  rackspaceRegion,
  resolveRackspaceAuth,
} from '@cloudmux/rackspace';
import { RackspaceSimulator } from '@cloudmux/rackspace/simulator';

let sim: RackspaceSimulator;
beforeAll(async () => {
  sim = await RackspaceSimulator.start();
});
afterAll(async () => {
  await sim.stop();
});

describe('Rackspace identity against the simulator', () => {
  it('authenticates with RAX-KSKEY and finds each service of the region in the catalog', async () => {
    const { session } = resolveRackspaceAuth('rackspace', 'demo', 'demo-api-key', { region: 'ord', identity: sim.identityUrl });
    const compute = await session.endpoint(RACKSPACE_SERVICES.compute);
    expect(compute).toBe(`${sim.url}/compute/v2.1`);
    const access = await session.access();
    expect(access.catalog.find((s) => s.name === 'cloudFiles')?.endpoints.some((e) => e.region === 'ORD')).toBe(true);
    expect(await session.endpoint(RACKSPACE_SERVICES.dns)).toBe(`${sim.url}/dns/v1.0/${sim.accountId()}`);
    expect(await session.projectId()).toBe(sim.accountId());
    expect(sim.server.requests.filter((r) => r.path === '/identity/v2.0/tokens')).toHaveLength(1);
    expect(inspect(session, { depth: 5 })).not.toContain('demo-api-key');
  });

  it('keeps the API key and the token out of the debug trace', async () => {
    const debugFile = path.join(mkdtempSync(path.join(tmpdir(), 'rax-trace-')), 'trace.log');
    const { session } = resolveRackspaceAuth('rackspace', 'demo', 'demo-api-key', { region: 'DFW', identity: sim.identityUrl, debugFile });
    const token = await session.token();
    const trace = readFileSync(debugFile, 'utf8');
    expect(trace).toContain('RAX-KSKEY:apiKeyCredentials');
    expect(trace).not.toContain('demo-api-key');
    expect(trace).not.toContain(token);
  });

  it('shares one login between the four drivers through options.session', async () => {
    sim.server.clearRequests();
    const { session } = resolveRackspaceAuth('rackspace', 'demo', 'demo-api-key', { region: 'ORD', identity: sim.identityUrl });
    const servers = new RackspaceNodeDriver(undefined, undefined, { session, region: 'ORD' });
    const files = new CloudFilesStorageDriver(undefined, undefined, { session, region: 'ORD' });
    const lb = new RackspaceLoadBalancerDriver(undefined, undefined, { session, region: 'ORD' });
    const dns = new RackspaceDnsDriver(undefined, undefined, { session });
    await Promise.all([servers.listNodes(), files.listContainers(), lb.listBalancers(), dns.listZones()]);
    expect(sim.server.requests.filter((r) => r.path.startsWith('/identity/v2.0/tokens'))).toHaveLength(1);
    expect(() => new RackspaceNodeDriver('demo', 'demo-api-key', { session, region: 'ORD' })).toThrow(/already carries credentials/);
  });

  it('authenticates with the password too', async () => {
    const { session } = resolveRackspaceAuth('rackspace', 'demo', 'secret', {
      region: 'LON',
      identity: sim.identityUrl,
      authType: 'password',
    });
    expect(await session.projectId()).toBe(sim.accountId());
  });

  it('rejects a wrong API key with InvalidCredentialsError and without the key in the message', async () => {
    const { session } = resolveRackspaceAuth('rackspace', 'demo', 'wrong-key-123', { region: 'DFW', identity: sim.identityUrl });
    const err = await session.token().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidCredentialsError);
    expect(String((err as Error).message)).not.toContain('wrong-key-123');
  });
});

describe('Rackspace regions and options', () => {
  it('lists the valid regions for a bad one', () => {
    expect(() => rackspaceRegion('XYZ')).toThrow(InvalidArgumentError);
    expect(() => rackspaceRegion('XYZ')).toThrow(/"XYZ".*DFW.*ORD.*IAD.*LON.*SYD.*HKG/);
    expect(rackspaceRegion('hkg').id).toBe('HKG');
  });

  it('requires a region, a username and a key, and rejects unknown options', () => {
    expect(() => resolveRackspaceAuth('rackspace', 'u', 'k', {})).toThrow(/unknown region undefined/);
    expect(() => resolveRackspaceAuth('rackspace', undefined, 'k', { region: 'DFW' })).toThrow(/username/);
    expect(() => resolveRackspaceAuth('rackspace', 'u', '', { region: 'DFW' })).toThrow(/API key/);
    expect(() => resolveRackspaceAuth('rackspace', 'u', 'k', { region: 'DFW', colour: 1 })).toThrow(/unknown option "colour"/);
    expect(() => resolveRackspaceAuth('rackspace', 'u', 'k', { region: 'DFW', identity: 'mars' })).toThrow(/us, uk/);
  });

  it('uses the UK identity endpoint for London', () => {
    const { session } = resolveRackspaceAuth('rackspace', 'u', 'k', { region: 'LON' });
    expect(session.authUrl).toBe('https://lon.identity.api.rackspacecloud.com/v2.0');
    expect(resolveRackspaceAuth('rackspace', 'u', 'k', { region: 'SYD' }).session.authUrl).toBe(
      'https://identity.api.rackspacecloud.com/v2.0',
    );
  });

  it('reads RACKSPACE_* and OS_* variables', () => {
    expect(rackspaceAuthFromEnv({ RACKSPACE_USERNAME: 'a', RACKSPACE_API_KEY: 'k', RACKSPACE_REGION: 'IAD' })).toEqual({
      username: 'a',
      secret: 'k',
      options: { region: 'IAD' },
    });
    expect(rackspaceAuthFromEnv({ OS_USERNAME: 'b', OS_PASSWORD: 'p', OS_REGION_NAME: 'LON', OS_AUTH_URL: 'http://x/v2.0' })).toEqual({
      username: 'b',
      secret: 'p',
      options: { region: 'LON', authType: 'password', identity: 'http://x/v2.0' },
    });
    expect(() => rackspaceAuthFromEnv({ RACKSPACE_USERNAME: 'a' })).toThrow(/RACKSPACE_API_KEY/);
  });
});
