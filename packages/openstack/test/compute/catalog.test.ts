import { InvalidArgumentError, NotFoundError, ProviderError } from '@cloudmux/core/errors';
import { startCompute, type ComputeFixture } from './support.js';

let f: ComputeFixture;
beforeEach(async () => {
  f = await startCompute();
});
afterEach(() => f.close());

const PUB = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGcIbXWyPm1Xp6hY5dXo5Q5s0eXo6H2b2fP2kD9w3f1m me@host';

describe('flavors, zones and key pairs', () => {
  it('maps flavors to sizes with extra specs (embedded, and via os-extra_specs before 2.61)', async () => {
    const sizes = await f.driver.listSizes();
    const large = sizes.find((s) => s.name === 'm1.large');
    expect(large).toMatchObject({ id: '4', ramMb: 8192, diskGb: 80, vcpus: 4, price: undefined });
    expect(large?.extra.extraSpecs).toEqual({ 'hw:cpu_policy': 'dedicated', 'hw:mem_page_size': 'large' });
    const old = f.makeDriver({ computeMicroversion: '2.50' });
    const oldLarge = (await old.listSizes()).find((s) => s.id === '4');
    expect(oldLarge?.extra.extraSpecs).toEqual(large?.extra.extraSpecs);
    expect(f.sim.server.requests.some((r) => r.path.endsWith('/flavors/4/os-extra_specs'))).toBe(true);
    expect((await f.driver.exGetSize('2')).name).toBe('m1.small');
  });

  it('lists availability zones as locations', async () => {
    const zones = await f.driver.listLocations();
    expect(zones.map((z) => z.id)).toEqual(['nova', 'az-2']);
    expect(zones[0]?.extra.available).toBe(true);
  });

  it('creates, imports, lists, gets and deletes key pairs', async () => {
    const made = await f.driver.createKeyPair({ name: 'gen' });
    expect(made.privateKey).toMatch(/BEGIN OPENSSH PRIVATE KEY/);
    expect(made.fingerprint).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);
    const imported = await f.driver.importKeyPairFromString({ name: 'mine', publicKey: PUB });
    expect(imported.publicKey).toBe(PUB);
    expect((await f.driver.listKeyPairs()).map((k) => k.name).sort()).toEqual(['gen', 'mine']);
    expect((await f.driver.getKeyPair('mine')).extra.type).toBe('ssh');
    const dup = await f.driver.importKeyPairFromString({ name: 'mine', publicKey: PUB }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(ProviderError);
    expect((dup as ProviderError).status).toBe(409);
    await f.driver.deleteKeyPair('mine');
    await expect(f.driver.getKeyPair('mine')).rejects.toBeInstanceOf(NotFoundError);
    await expect(f.driver.deleteKeyPair('mine')).rejects.toBeInstanceOf(NotFoundError);
    await expect(f.driver.getKeyPair('a/b')).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
