import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { clearPricingCache, getSizePrice } from '@cloudmux/core/pricing';
import { Ec2NodeDriver } from '../../src/ec2/driver.js';
import { EC2_INSTANCE_TYPES, findInstanceType } from '../../src/ec2/instance-types.js';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const SCRIPT = 'pricing/scripts/gen-ec2.mjs';
const OUTPUTS = ['pricing/compute/ec2.json', 'packages/aws/src/ec2/instance-types.data.ts'];
const SOURCE_DATA = resolve(repoRoot, 'pricing', 'scripts', 'data', 'ec2-instance-types.json');

async function sizesIn(region: string) {
  const sizes = await new Ec2NodeDriver('AKID', 'secret', { region }).listSizes();
  return new Map(sizes.map((s) => [s.id, s]));
}

describe('EC2 size catalog', () => {
  it('lists all 648 instance types of the data, current and previous generation', async () => {
    expect(EC2_INSTANCE_TYPES).toHaveLength(648);
    expect(new Set(EC2_INSTANCE_TYPES.map((t) => t.id)).size).toBe(648);
    expect(EC2_INSTANCE_TYPES.filter((t) => t.previousGeneration)).toHaveLength(34);
    const sizes = await new Ec2NodeDriver('AKID', 'secret').listSizes();
    expect(sizes).toHaveLength(648);
    expect(sizes.map((s) => s.id)).toEqual(EC2_INSTANCE_TYPES.map((t) => t.id));
  });

  it('has vCPUs, RAM and instance storage of older types, priced for the driver region', async () => {
    const east = await sizesIn('us-east-1');
    expect(east.get('m4.large')).toMatchObject({ vcpus: 2, ramMb: 8192, diskGb: 0, price: 0.1, extra: { arch: 'x86_64', ebsOnly: true } });
    expect(east.get('t2.micro')).toMatchObject({ vcpus: 1, ramMb: 1024, diskGb: 0, price: 0.0116 });
    expect(east.get('c4.xlarge')).toMatchObject({ vcpus: 4, ramMb: 7680, diskGb: 0, price: 0.199 });
    expect(east.get('m1.small')).toMatchObject({
      vcpus: 1,
      ramMb: 1740,
      diskGb: 160,
      price: 0.044,
      extra: { ebsOnly: false, previousGeneration: true },
    });
    expect(east.get('c3.large')).toMatchObject({ vcpus: 2, ramMb: 3840, diskGb: 32, price: 0.116, extra: { previousGeneration: true } });
    expect(findInstanceType('m1.small')).toEqual({
      id: 'm1.small',
      vcpus: 1,
      ramMb: 1740,
      diskGb: 160,
      arch: 'x86_64',
      previousGeneration: true,
    });
    expect(findInstanceType('a1.medium')).toMatchObject({ arch: 'arm64', previousGeneration: false });
    expect(findInstanceType('t4g.micro')?.arch).toBe('arm64');
    expect(findInstanceType('m7g.large')?.arch).toBe('arm64');
    expect(findInstanceType('m1.nonexistent')).toBeUndefined();
  });

  it('treats a 0.0 figure of the data as unknown (undefined), never as free', async () => {
    // The source records m4.large in us-east-2 as 0.0 and both inf2.24xlarge/48xlarge as 0.0 everywhere.
    expect(getSizePrice('compute', 'ec2', 'm4.large', 'us-east-2')).toBeUndefined();
    expect(getSizePrice('compute', 'ec2', 'inf2.24xlarge', 'us-east-1')).toBeUndefined();
    const ohio = await sizesIn('us-east-2');
    expect(ohio.get('m4.large')).toMatchObject({ vcpus: 2, price: undefined });
    expect(ohio.get('c4.xlarge')?.price).toBe(0.199);
    expect([...ohio.values()].some((s) => s.price === 0)).toBe(false);
  });

  it('still lists a type a region does not offer, with price undefined', async () => {
    expect(getSizePrice('compute', 'ec2', 'm1.small', 'eu-north-1')).toBeUndefined();
    const stockholm = await sizesIn('eu-north-1');
    expect(stockholm.size).toBe(648);
    expect(stockholm.get('m1.small')).toMatchObject({ diskGb: 160, price: undefined });
    expect(stockholm.get('t3.micro')?.price).toBe(0.0108);
    // A region the data has no figures for at all: every size listed, none priced.
    const mexico = await sizesIn('mx-central-1');
    expect(mexico.size).toBe(648);
    expect([...mexico.values()].every((s) => s.price === undefined)).toBe(true);
    // No "default" entry: EC2 prices need the region.
    expect(getSizePrice('compute', 'ec2', 't3.micro')).toBeUndefined();
  });

  describe('with a user override', () => {
    let dir: string;
    const saved = process.env.CLOUDMUX_PRICING_FILE;

    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'cloudmux-ec2-pricing-'));
      process.env.CLOUDMUX_PRICING_FILE = join(dir, 'pricing.json');
      await writeFile(
        process.env.CLOUDMUX_PRICING_FILE,
        JSON.stringify({ compute: { ec2: { 'm4.large': { 'us-east-2': 0.11 }, 'm1.small': 0.05 } } }),
      );
      clearPricingCache();
    });

    afterEach(async () => {
      if (saved === undefined) delete process.env.CLOUDMUX_PRICING_FILE;
      else process.env.CLOUDMUX_PRICING_FILE = saved;
      clearPricingCache();
      await rm(dir, { recursive: true, force: true });
    });

    it('fills prices the bundled data lacks and keeps the other regions', async () => {
      const ohio = await sizesIn('us-east-2');
      expect(ohio.get('m4.large')?.price).toBe(0.11);
      expect(ohio.get('m1.small')?.price).toBe(0.05);
      expect(getSizePrice('compute', 'ec2', 'm4.large', 'us-east-1')).toBe(0.1);
    });
  });
});

describe('pricing/scripts/gen-ec2.mjs', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cloudmux-gen-ec2-'));
    for (const file of [SCRIPT, ...OUTPUTS]) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await copyFile(join(repoRoot, file), join(dir, file));
    }
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const gen = (...args: string[]) => run(process.execPath, [join(dir, SCRIPT), ...args], { cwd: dir });

  async function exitOf(...args: string[]): Promise<{ code: number; stderr: string }> {
    try {
      await gen(...args);
      return { code: 0, stderr: '' };
    } catch (err) {
      const e = err as { code: number; stderr: string };
      return { code: e.code, stderr: e.stderr };
    }
  }

  it('--check passes on the committed files and fails once one is stale', async () => {
    expect(await exitOf(SOURCE_DATA, '--check')).toEqual({ code: 0, stderr: '' });

    const prices = join(dir, OUTPUTS[0]!);
    const committed = await readFile(prices, 'utf8');
    await writeFile(prices, committed.replace('"t2.micro": { ', '"t2.micro": { "xx-test-1": 1, '));
    const stale = await exitOf(SOURCE_DATA, '--check');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('pricing/compute/ec2.json is stale');
    expect(stale.stderr).not.toContain('instance-types.data.ts');

    // Regenerating restores the committed bytes exactly (reproducible output).
    await gen(SOURCE_DATA);
    expect(await readFile(prices, 'utf8')).toBe(committed);
    expect(await readFile(join(dir, OUTPUTS[1]!), 'utf8')).toBe(await readFile(join(repoRoot, OUTPUTS[1]!), 'utf8'));

    await rm(join(dir, OUTPUTS[1]!));
    expect((await exitOf(SOURCE_DATA, '--check')).stderr).toContain('instance-types.data.ts is stale');
  });

  it('drops 0.0 figures and family rows, and flags arm64 and previous-generation types', async () => {
    const input = join(dir, 'input.json');
    const type = (vcpus: number, ramMb: number, diskGb: number, currentGeneration: boolean, physicalProcessor: string) => ({
      vcpus,
      ramMb,
      diskGb,
      currentGeneration,
      physicalProcessor,
    });
    await writeFile(
      input,
      JSON.stringify({
        source: 'Test fixture.',
        pricingUpdated: '2023-08-06',
        instanceTypes: {
          'x1.large': type(2, 4096, 0, true, 'Intel'),
          'x1.medium': type(1, 2048, 10, false, 'Intel'),
          'g9.large': type(2, 8192, 0, true, 'AWS Graviton9'),
        },
        linuxOnDemandUsdPerHour: {
          x1: { 'us-east-1': 9 },
          'x1.large': { 'us-east-1': 0.1, 'eu-west-1': 0.0 },
          'x1.medium': { 'us-east-1': 0.0 },
          'g9.large': { 'eu-west-1': 0.2 },
        },
      }),
    );
    expect((await exitOf(input, '--check')).code).toBe(1);
    await gen(input);
    expect(await exitOf(input, '--check')).toEqual({ code: 0, stderr: '' });
    const data = JSON.parse(await readFile(join(dir, OUTPUTS[0]!), 'utf8')) as { updated: string; source: string; prices: unknown };
    expect(data.updated).toBe('2023-08-06');
    expect(data.source).toMatch(/^Test fixture\. /);
    expect(data.prices).toEqual({ 'g9.large': { 'eu-west-1': 0.2 }, 'x1.large': { 'us-east-1': 0.1 } });
    const catalog = await readFile(join(dir, OUTPUTS[1]!), 'utf8');
    expect(catalog).toContain("  ['g9.large', 2, 8192, 0, 1],\n  ['x1.medium', 1, 2048, 10, 2],\n  ['x1.large', 2, 4096, 0, 0],\n];\n");
  });

  it('fails loudly on a missing input or an unknown flag', async () => {
    expect(await exitOf(join(dir, 'missing.json'), '--check')).toMatchObject({ code: 1, stderr: expect.stringContaining('not found') });
    expect((await exitOf('--force')).code).toBe(2);
  });
});
