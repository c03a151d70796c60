import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  clearPricingCache,
  downloadPricingFile,
  findSizePrice,
  getPricing,
  getSizePrice,
  knownPricingProviders,
  pricingDirCandidates,
  overrideFilePath,
} from '@cloudmux/core/pricing';
import { SimulatorServer } from '@cloudmux/core/testing';
import { InvalidArgumentError, MalformedResponseError, NotFoundError } from '@cloudmux/core/errors';

const ENV_KEYS = ['CLOUDMUX_PRICING_DIR', 'CLOUDMUX_PRICING_FILE'] as const;

describe('pricing', () => {
  let dir: string;
  let overrideFile: string;
  const saved: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

  beforeEach(async () => {
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    dir = await mkdtemp(join(tmpdir(), 'cloudmux-pricing-'));
    await mkdir(join(dir, 'data', 'compute'), { recursive: true });
    await writeFile(
      join(dir, 'data', 'compute', 'acme.json'),
      JSON.stringify({
        provider: 'acme',
        api: 'compute',
        currency: 'USD',
        unit: 'hour',
        updated: '2024-01-01',
        source: 'test fixture',
        prices: { small: 0.01, medium: { 'us-east': 0.02, 'eu-west': 0.025 }, large: { default: 0.08, 'eu-west': 0.09 }, free: 0 },
      }),
    );
    overrideFile = join(dir, 'home', 'pricing.json');
    process.env.CLOUDMUX_PRICING_DIR = join(dir, 'data');
    process.env.CLOUDMUX_PRICING_FILE = overrideFile;
    clearPricingCache();
  });

  afterEach(async () => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    clearPricingCache();
    await rm(dir, { recursive: true, force: true });
  });

  it('looks up bundled prices, per region where they differ', () => {
    expect(getSizePrice('compute', 'acme', 'small')).toBe(0.01);
    expect(getSizePrice('compute', 'acme', 'small', 'anywhere')).toBe(0.01);
    expect(getSizePrice('compute', 'acme', 'medium', 'eu-west')).toBe(0.025);
    expect(getSizePrice('compute', 'acme', 'medium', 'us-east')).toBe(0.02);
    expect(getSizePrice('compute', 'acme', 'large', 'ap-south')).toBe(0.08);
    expect(getSizePrice('compute', 'acme', 'free')).toBe(0);
  });

  it('returns undefined, never 0, for what it does not know', () => {
    expect(getSizePrice('compute', 'acme', 'medium')).toBeUndefined();
    expect(getSizePrice('compute', 'acme', 'medium', 'mars-1')).toBeUndefined();
    expect(getSizePrice('compute', 'acme', 'huge')).toBeUndefined();
    expect(getSizePrice('compute', 'acme', 'toString')).toBeUndefined();
    expect(getPricing('compute', 'nobody')).toBeUndefined();
  });

  it('without a region, answers only from a single figure or the default entry', () => {
    expect(getSizePrice('compute', 'acme', 'large')).toBe(0.08);
    expect(getSizePrice('compute', 'acme', 'medium')).toBeUndefined();
    expect(getSizePrice('compute', 'acme', 'medium', 'us-east')).toBe(0.02);
  });

  it('throws InvalidArgumentError listing the known providers for an unknown provider', async () => {
    // Used to be undefined, indistinguishable from "no price known".
    expect(() => getSizePrice('compute', 'acmee', 'small')).toThrow(InvalidArgumentError);
    expect(() => getSizePrice('compute', 'acmee', 'small')).toThrow(
      'Unknown pricing provider "acmee" for api "compute": known providers are acme (',
    );
    await mkdir(join(dir, 'home'), { recursive: true });
    await writeFile(overrideFile, JSON.stringify({ compute: { other: { tiny: 0.001 } }, storage: { blobs: { hot: 0.02 } } }));
    clearPricingCache();
    expect(() => getSizePrice('compute', 'nobody', 'small')).toThrow(
      /known providers are acme, other \(bundled data files and the override file .*pricing\.json\)/,
    );
    expect(() => getSizePrice('storage', 'acme', 'small')).toThrow(
      'Unknown pricing provider "acme" for api "storage": known providers are blobs',
    );
    expect(knownPricingProviders()).toEqual({ compute: ['acme', 'other'], storage: ['blobs'] });
  });

  it('throws InvalidArgumentError listing the known apis for an unknown api', () => {
    const misspelt = 'comptue' as 'compute';
    expect(() => getSizePrice(misspelt, 'acme', 'small')).toThrow(InvalidArgumentError);
    expect(() => getSizePrice(misspelt, 'acme', 'small')).toThrow('Unknown pricing api "comptue": known apis are compute, storage (');
    expect(() => getSizePrice('constructor' as 'compute', 'acme', 'small')).toThrow(/Unknown pricing api "constructor"/);
    expect(() => getSizePrice('storage', 'acme', 'small')).toThrow(/for api "storage": known providers are \(none\)/);
  });

  it('findSizePrice answers undefined for a provider nothing prices (for drivers)', () => {
    expect(findSizePrice('compute', 'nobody', 'small')).toBeUndefined();
    expect(findSizePrice('compute', 'acme', 'medium', 'eu-west')).toBe(0.025);
    expect(findSizePrice('compute', 'acme', 'huge')).toBeUndefined();
  });

  it('knows every bundled provider of the repository data', () => {
    delete process.env.CLOUDMUX_PRICING_DIR;
    clearPricingCache();
    expect(knownPricingProviders().compute).toEqual(expect.arrayContaining(['dummy', 'ec2', 'eucalyptus', 'joyent', 'nimbus']));
    // Eucalyptus and Nimbus are known, with no list prices: undefined, not "unknown provider".
    expect(getSizePrice('compute', 'eucalyptus', 'm1.small')).toBeUndefined();
    expect(getSizePrice('compute', 'nimbus', 'm1.small')).toBeUndefined();
    expect(() => getSizePrice('compute', 'ec3', 't3.micro', 'us-east-1')).toThrow(/known providers are .*\bec2\b/);
  });

  it('is re-exported from the cloudmux umbrella package', async () => {
    const umbrella = await import('cloudmux');
    expect(umbrella.getSizePrice).toBe(getSizePrice);
    expect(umbrella.getPricing).toBe(getPricing);
  });

  it('describes the data it used', () => {
    expect(getPricing('compute', 'acme')).toMatchObject({
      api: 'compute',
      provider: 'acme',
      currency: 'USD',
      unit: 'hour',
      updated: '2024-01-01',
      source: 'test fixture',
      files: [join(dir, 'data', 'compute', 'acme.json')],
    });
  });

  it('merges the user override on top', async () => {
    await mkdir(join(dir, 'home'), { recursive: true });
    await writeFile(
      overrideFile,
      JSON.stringify({ compute: { acme: { small: 0.5, medium: { 'eu-west': 0.3 } }, other: { tiny: 0.001 } } }),
    );
    expect(getSizePrice('compute', 'acme', 'small')).toBe(0.5);
    expect(getSizePrice('compute', 'acme', 'medium', 'eu-west')).toBe(0.3);
    expect(getSizePrice('compute', 'acme', 'medium', 'us-east')).toBe(0.02);
    expect(getSizePrice('compute', 'other', 'tiny')).toBe(0.001);
    expect(getPricing('compute', 'other')).toMatchObject({ currency: 'USD', unit: 'hour', updated: undefined, files: [overrideFile] });
    expect(getPricing('compute', 'acme')!.files).toEqual([join(dir, 'data', 'compute', 'acme.json'), overrideFile]);
  });

  it('names the file when the override is corrupt', async () => {
    await mkdir(join(dir, 'home'), { recursive: true });
    await writeFile(overrideFile, '{ "compute": ');
    expect(() => getSizePrice('compute', 'acme', 'small')).toThrow(InvalidArgumentError);
    expect(() => getSizePrice('compute', 'acme', 'small')).toThrow(overrideFile);
    await writeFile(overrideFile, JSON.stringify({ compute: { acme: { small: 'cheap' } } }));
    clearPricingCache();
    expect(() => getSizePrice('compute', 'acme', 'small')).toThrow(/pricing\.json is invalid: compute\.acme\.small/);
  });

  it('rejects provider names that are not plain ids', () => {
    expect(() => getSizePrice('compute', '../etc', 'x')).toThrow(InvalidArgumentError);
  });

  it('finds the monorepo pricing folder by walking up from the module', () => {
    const repoPricing = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..', '..', 'pricing');
    expect(pricingDirCandidates({})).toContain(repoPricing);
    expect(pricingDirCandidates({ CLOUDMUX_PRICING_DIR: '/opt/p' })).toEqual(['/opt/p']);
    expect(overrideFilePath({})).toMatch(/\.cloudmux[/\\]pricing\.json$/);
  });

  describe('downloadPricingFile', () => {
    let sim: SimulatorServer;
    let payload: { status: number; body: string };

    beforeEach(async () => {
      payload = { status: 200, body: '' };
      sim = await SimulatorServer.start(() => ({
        status: payload.status,
        headers: { 'content-type': 'application/json' },
        body: payload.body,
      }));
    });

    afterEach(async () => {
      await sim.close();
    });

    it('downloads, validates and atomically replaces the override file', async () => {
      payload.body = JSON.stringify({ compute: { acme: { small: 0.7 } } });
      expect(getSizePrice('compute', 'acme', 'small')).toBe(0.01);
      const written = await downloadPricingFile(`${sim.url}/pricing.json`);
      expect(written).toBe(overrideFile);
      expect(JSON.parse(await readFile(overrideFile, 'utf8'))).toEqual({ compute: { acme: { small: 0.7 } } });
      expect(getSizePrice('compute', 'acme', 'small')).toBe(0.7);

      payload.body = JSON.stringify({ compute: { acme: { small: 0.9 } } });
      const other = join(dir, 'elsewhere', 'p.json');
      expect(await downloadPricingFile(`${sim.url}/p`, other)).toBe(other);
      expect(JSON.parse(await readFile(other, 'utf8'))).toEqual({ compute: { acme: { small: 0.9 } } });
      expect(await readdir(join(dir, 'home'))).toEqual(['pricing.json']);
    });

    it('refuses invalid JSON or a wrong shape and leaves the old file untouched', async () => {
      await mkdir(join(dir, 'home'), { recursive: true });
      const old = JSON.stringify({ compute: { acme: { small: 0.4 } } });
      await writeFile(overrideFile, old);

      payload.body = '<html>not json</html>';
      await expect(downloadPricingFile(`${sim.url}/p`)).rejects.toBeInstanceOf(MalformedResponseError);
      payload.body = JSON.stringify({ compute: { acme: { small: -1 } } });
      await expect(downloadPricingFile(`${sim.url}/p`)).rejects.toThrow(/wrong shape: compute\.acme\.small/);
      payload.body = JSON.stringify([1, 2]);
      await expect(downloadPricingFile(`${sim.url}/p`)).rejects.toBeInstanceOf(MalformedResponseError);
      payload.status = 404;
      payload.body = '{"code":"NotFound"}';
      await expect(downloadPricingFile(`${sim.url}/p`)).rejects.toBeInstanceOf(NotFoundError);

      expect(await readFile(overrideFile, 'utf8')).toBe(old);
      expect(await readdir(join(dir, 'home'))).toEqual(['pricing.json']);
      expect(getSizePrice('compute', 'acme', 'small')).toBe(0.4);
    });

    it('refuses a URL that is not http(s)', async () => {
      await expect(downloadPricingFile('file:///etc/passwd')).rejects.toBeInstanceOf(InvalidArgumentError);
      await expect(downloadPricingFile('nonsense')).rejects.toBeInstanceOf(InvalidArgumentError);
    });
  });
});
