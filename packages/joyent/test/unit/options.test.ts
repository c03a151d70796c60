import { InvalidArgumentError } from '@cloudmux/core/errors';
import { getDriver } from '@cloudmux/core/compute';
import { COMPUTE_METHODS } from '@cloudmux/core/compute';
import { JOYENT_CAPABILITIES, JOYENT_PROVIDER, JOYENT_REGIONS, JoyentNodeDriver } from '../../src/index.js';
import { testKey } from '../support/keys.js';

const pem = testKey('ed25519').privatePem;

describe('JoyentNodeDriver construction', () => {
  it('defaults to us-east-1 and takes any region from the table', () => {
    const d = new JoyentNodeDriver('demo', undefined, { privateKey: pem });
    expect(d.url).toBe('https://us-east-1.api.joyent.com');
    expect(d.datacenter).toBe('us-east-1');
    expect(new JoyentNodeDriver('demo', undefined, { privateKey: pem, region: 'eu-lon-1' }).url).toBe(
      'https://api-eu-lon-1.instantservers.telefonica.com',
    );
    d.close();
  });

  it('lists the valid regions for an unknown one', () => {
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, region: 'mars-1' })).toThrow(InvalidArgumentError);
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, region: 'mars-1' })).toThrow(
      `Valid values: ${JOYENT_REGIONS.map((r) => r.id).join(', ')}`,
    );
  });

  it('rejects unknown options, listing the valid ones', () => {
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, colour: 'red' } as never)).toThrow(
      /unknown option "colour". Valid options: actAs, algorithm, apiVersion/,
    );
  });

  it('validates url, algorithm, account and combinations', () => {
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, url: 'not a url' })).toThrow(/Invalid url/);
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, url: 'ftp://x' })).toThrow(/http or https/);
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, url: 'https://x', region: 'us-east-1' })).toThrow(
      /either region or url/,
    );
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, algorithm: 'rsa-md5' as never })).toThrow(/Invalid algorithm/);
    expect(() => new JoyentNodeDriver('', undefined, { privateKey: pem })).toThrow(/Invalid Joyent account/);
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, legacy65: true, user: 'bob' })).toThrow(/7\.2/);
    expect(() => new JoyentNodeDriver('demo', '/other/keys/aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99', { privateKey: pem })).toThrow(
      /names account "other"/,
    );
    expect(() => new JoyentNodeDriver('demo', '/demo/users/bob/keys/x', { privateKey: pem, user: 'alice' })).toThrow(/sub-user "bob"/);
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, keyPath: '/x' })).toThrow(/Give the private key once/);
    expect(() => new JoyentNodeDriver('demo', undefined, { privateKey: pem, useAgent: '/tmp/sock' })).toThrow(/not both/);
  });

  it('needs some way to find a key', () => {
    expect(() => new JoyentNodeDriver('demo', undefined, { url: 'https://x', useAgent: false, sshDir: false })).toThrow(/No signing key/);
  });

  it('is registered as the joyent provider and never leaks credentials when logged', () => {
    const d = new JoyentNodeDriver('demo', undefined, { url: 'https://x', privateKey: pem });
    expect(JSON.stringify(d)).not.toContain('PRIVATE');
    expect(Object.keys(d).sort()).toEqual(['account', 'url']);
    expect(JoyentNodeDriver.provider).toBe(JOYENT_PROVIDER);
    expect(JOYENT_PROVIDER.regions.map((r) => r.id)).toContain('eu-mad-1');
    d.close();
  });

  it('declares exactly its portable capabilities', () => {
    expect([...JoyentNodeDriver.capabilities].sort()).toEqual([...JOYENT_CAPABILITIES].sort());
    for (const m of JoyentNodeDriver.capabilities) expect(COMPUTE_METHODS).toContain(m);
    expect(JoyentNodeDriver.capabilities).not.toContain('createKeyPair');
    expect(JoyentNodeDriver.capabilities).not.toContain('listVolumes');
    expect(typeof getDriver).toBe('function');
  });

  it('throws NotSupportedError for portable methods it does not implement', async () => {
    const d = new JoyentNodeDriver('demo', undefined, { url: 'https://x', privateKey: pem });
    await expect(d.listVolumes()).rejects.toThrow('Joyent Triton does not support listVolumes');
    await expect(d.createKeyPair({ name: 'x' })).rejects.toThrow('Joyent Triton does not support createKeyPair');
    d.close();
  });
});
