import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { getPricing, getSizePrice } from '@cloudmux/core/pricing';
import { Ec2NodeDriver } from '../../src/ec2/driver.js';
import { EC2_INSTANCE_TYPES, findInstanceType } from '../../src/ec2/instance-types.js';
import { EucalyptusNodeDriver, NimbusNodeDriver } from '../../src/ec2/presets.js';
import { EC2_PROVIDER, EUCALYPTUS_PROVIDER, NIMBUS_PROVIDER } from '../../src/ec2/providers.js';
import { AWS_REGIONS } from '../../src/ec2/regions.js';

describe('Ec2NodeDriver construction', () => {
  it('defaults to us-east-1 and maps regions to endpoints', () => {
    const d = new Ec2NodeDriver('AKID', 'secret');
    expect(d).toMatchObject({
      region: 'us-east-1',
      endpoint: 'https://ec2.us-east-1.amazonaws.com',
      apiVersion: '2016-11-15',
      providerId: 'ec2',
    });
    expect(new Ec2NodeDriver('AKID', 'secret', { region: 'cn-north-1' }).endpoint).toBe('https://ec2.cn-north-1.amazonaws.com.cn');
    expect(new Ec2NodeDriver('AKID', 'secret', { region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566/' }).endpoint).toBe(
      'http://127.0.0.1:4566',
    );
  });

  it('rejects an unknown region, listing the valid ones', () => {
    const make = () => new Ec2NodeDriver('AKID', 'secret', { region: 'mars-north-1' });
    expect(make).toThrow(InvalidArgumentError);
    expect(make).toThrow(/unknown region "mars-north-1"\. Valid regions: us-east-1, us-east-2, .*eu-west-1.*cn-northwest-1/);
  });

  it('rejects unknown options and bad values', () => {
    expect(() => new Ec2NodeDriver('AKID', 'secret', { regoin: 'x' } as object)).toThrow(
      /unknown option "regoin"\. Valid options: apiVersion, endpoint/,
    );
    expect(() => new Ec2NodeDriver('AKID', '')).toThrow(/secret access key is required/);
    expect(() => new Ec2NodeDriver('', 'secret')).toThrow(/access key id is required/);
    expect(() => new Ec2NodeDriver('AKID', 'secret', { pageSize: 2 })).toThrow(/pageSize/);
    expect(() => new Ec2NodeDriver('AKID', 'secret', { endpoint: 'ftp://x' })).toThrow(/http\(s\)/);
    expect(() => new Ec2NodeDriver('AKID', 'secret', { endpoint: 'http://x', host: 'y' })).toThrow(/either endpoint or host/);
    expect(() => new Ec2NodeDriver('AKID', 'secret', { signatureVersion: 3 as 4 })).toThrow(/signatureVersion/);
  });

  it('never exposes the secret when logged or serialised', () => {
    const d = new Ec2NodeDriver('AKID', 'very-secret-value', { sessionToken: 'session-token-value' });
    const shown = JSON.stringify(d) + inspect(d, { depth: 5 });
    expect(shown).not.toContain('very-secret-value');
    expect(shown).not.toContain('session-token-value');
  });
});

describe('presets (data, not subclasses per cloud)', () => {
  it('builds Eucalyptus endpoints from host with the preset port, path, scheme and version', () => {
    const d = new EucalyptusNodeDriver('AKID', 'secret', { host: 'euca.example.org' });
    expect(d).toMatchObject({
      providerId: 'eucalyptus',
      endpoint: 'http://euca.example.org:8773/services/Eucalyptus',
      apiVersion: '3.3.0',
      region: 'eucalyptus',
    });
    expect(EucalyptusNodeDriver.provider).toBe(EUCALYPTUS_PROVIDER);
    expect(d).toBeInstanceOf(Ec2NodeDriver);
    const viaOption = new Ec2NodeDriver('AKID', 'secret', {
      provider: EUCALYPTUS_PROVIDER,
      host: '10.0.0.1',
      port: 8443,
      secure: true,
      path: '/services/compute',
    });
    expect(viaOption).toMatchObject({ providerId: 'eucalyptus', endpoint: 'https://10.0.0.1:8443/services/compute' });
  });

  it('builds Nimbus endpoints; Nimbus capabilities are those of the Libcloud 0.14 provider matrix', () => {
    const d = new NimbusNodeDriver('AKID', 'secret', { host: 'nimbus.example.org' });
    expect(d).toMatchObject({ providerId: 'nimbus', endpoint: 'https://nimbus.example.org:8444', apiVersion: '2010-08-31' });
    // Libcloud 0.14: nodes, images, sizes, deploy; every block-storage column; ex_start_node/ex_stop_node.
    for (const m of ['listNodes', 'createNode', 'rebootNode', 'destroyNode', 'listImages', 'listSizes', 'deployNode'] as const)
      expect(d.supports(m)).toBe(true);
    for (const m of ['listVolumes', 'createVolume', 'destroyVolume', 'attachVolume', 'detachVolume'] as const)
      expect(d.supports(m)).toBe(true);
    for (const m of ['listVolumeSnapshots', 'createVolumeSnapshot', 'startNode', 'stopNode'] as const) expect(d.supports(m)).toBe(true);
    const viaOption = new Ec2NodeDriver('AKID', 'secret', { provider: NIMBUS_PROVIDER, host: 'n' });
    expect(viaOption.supports('listVolumes')).toBe(true);
    expect(NIMBUS_PROVIDER.defaults?.launchTags).toBe('none');
  });

  it('requires a host for presets without a default endpoint', () => {
    expect(() => new EucalyptusNodeDriver('AKID', 'secret')).toThrow(/Eucalyptus needs the cloud's address/);
    expect(() => new Ec2NodeDriver('AKID', 'secret', { provider: { id: 'x', name: 'X', api: 'cloudapi', regions: [] } })).toThrow(
      /not ec2/,
    );
  });

  it('EC2 declares every portable method', () => {
    expect(Ec2NodeDriver.provider).toBe(EC2_PROVIDER);
    expect(Ec2NodeDriver.capabilities).toContain('createNode');
    expect(Ec2NodeDriver.capabilities).toContain('deleteKeyPair');
  });
});

describe('fromEnv', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'cloudmux-aws-env-'));
  });
  afterEach(async () => rm(home, { recursive: true, force: true }));

  it('reads variables and profiles, overrides win', async () => {
    const d = Ec2NodeDriver.fromEnv({ HOME: home, AWS_ACCESS_KEY_ID: 'AKIAENV', AWS_SECRET_ACCESS_KEY: 's', AWS_REGION: 'eu-central-1' });
    expect(d).toMatchObject({ region: 'eu-central-1', endpoint: 'https://ec2.eu-central-1.amazonaws.com' });
    await writeFile(join(home, 'c'), '[p]\naws_access_key_id = AKIAP\naws_secret_access_key = sp\nregion = ap-south-1\n');
    const p = Ec2NodeDriver.fromEnv(
      { HOME: home, AWS_SHARED_CREDENTIALS_FILE: join(home, 'c'), AWS_PROFILE: 'p' },
      { endpoint: 'http://127.0.0.1:1' },
    );
    expect(p).toMatchObject({ region: 'ap-south-1', endpoint: 'http://127.0.0.1:1' });
    const euca = EucalyptusNodeDriver.fromEnv({ HOME: home, AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' }, { host: 'euca' });
    expect(euca.providerId).toBe('eucalyptus');
    expect(
      EucalyptusNodeDriver.fromEnv(
        { HOME: home, AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_REGION: 'us-west-2' },
        { host: 'euca' },
      ).region,
    ).toBe('eucalyptus');
    expect(() => Ec2NodeDriver.fromEnv({ HOME: home, AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S', AWS_REGION: 'moon-1' })).toThrow(
      /unknown region "moon-1"/,
    );
    expect(euca).toBeInstanceOf(EucalyptusNodeDriver);
  });
});

describe('data tables', () => {
  it('has a region table with unique ids and EC2 endpoints', () => {
    const ids = AWS_REGIONS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['us-east-1', 'eu-west-1', 'ap-southeast-2', 'us-gov-west-1']));
  });

  it('prices the instance types of the size table, per region', () => {
    const prices = getPricing('compute', 'ec2');
    expect(prices?.source).toMatch(/Libcloud.*6e39117d.*Apache-2\.0/);
    const priced = new Set(Object.keys(prices?.prices ?? {}));
    // Every type of the table is priced somewhere except the two the source has no figure for at all.
    expect(EC2_INSTANCE_TYPES.filter((t) => !priced.has(t.id)).map((t) => t.id)).toEqual(['inf2.24xlarge', 'inf2.48xlarge']);
    expect(getSizePrice('compute', 'ec2', 't3.micro', 'us-east-1')).toBe(0.0104);
    expect(getSizePrice('compute', 'ec2', 't3.micro', 'eu-west-1')).toBe(0.0122);
    expect(getSizePrice('compute', 'ec2', 't3.micro', 'af-south-1')).toBeUndefined();
    expect(findInstanceType('m5.large')).toMatchObject({ vcpus: 2, ramMb: 8192, diskGb: 0, arch: 'x86_64' });
    expect(findInstanceType('t4g.micro')?.arch).toBe('arm64');
  });

  it('listSizes fills prices for the driver region and leaves unknown ones undefined', async () => {
    const sizes = await new Ec2NodeDriver('AKID', 'secret', { region: 'eu-west-1' }).listSizes();
    expect(sizes.find((s) => s.id === 't3.micro')).toMatchObject({ ramMb: 1024, vcpus: 2, price: 0.0122 });
    expect(sizes.find((s) => s.id === 'm7i.large')?.price).toBeUndefined();
    const euca = await new EucalyptusNodeDriver('AKID', 'secret', { host: 'h' }).listSizes();
    expect(euca.every((s) => s.price === undefined)).toBe(true);
  });
});
