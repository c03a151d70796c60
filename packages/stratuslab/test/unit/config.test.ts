// stratuslab-user.cfg: the INI dialect, section inheritance, location rules, endpoint
// normalisation, [instance_types], and the STRATUSLAB_* variables.
import { InvalidArgumentError } from '@cloudmux/core';
import { marketplaceEndpoint, oneEndpoint, passwordContextUrl, pdiskEndpoint } from '../../src/config/endpoints.js';
import { parseIni } from '../../src/config/ini.js';
import { resolveIniConfig, resolveLocationOptions } from '../../src/config/user-config.js';
import { readStratusLabEnv } from '../../src/compute/from-env.js';

const CFG = `; StratusLab user configuration
[default]
selected_section = lal
username = alice
password = s3cret
marketplace_endpoint = https://marketplace.example.org/

[lal]
name = LAL (Orsay)
country = FR
endpoint = cloud.lal.stratuslab.eu
pdisk_endpoint = pdisk.lal.stratuslab.eu

[example]
endpoint = https://cloud.example.com/one-proxy/xmlrpc
username = bob
# bob's password
password: other

[instance_types]
x1.tiny = 1, 256, 128
m1.small = 2, 2048, 1024
bad = 1, 2
`;

describe('parseIni', () => {
  it('reads sections, = and : separators, comments, lower-cases keys and joins continuation lines', () => {
    const doc = parseIni('[a]\nKey = v1\nother: v2\n  more\n; c\n# c\n[b]\nk=\n');
    expect(doc.get('a')?.get('key')).toBe('v1');
    expect(doc.get('a')?.get('other')).toBe('v2\nmore');
    expect(doc.get('b')?.get('k')).toBe('');
  });

  it('refuses keys before a section, junk lines and repeated sections, naming the line', () => {
    expect(() => parseIni('k = v', 'f.cfg')).toThrow(/f\.cfg, line 1: "k" comes before any \[section\]/);
    expect(() => parseIni('[a]\nnot a pair', 'f.cfg')).toThrow(/line 2/);
    expect(() => parseIni('[a]\n[a]\n')).toThrow(/appears twice/);
  });
});

describe('endpoints', () => {
  it('normalises one-proxy, pdisk and marketplace endpoints like the StratusLab client', () => {
    expect(oneEndpoint('cloud.lal.stratuslab.eu').href).toBe('https://cloud.lal.stratuslab.eu:2634/xmlrpc');
    expect(oneEndpoint('https://cloud.example.com/one-proxy/xmlrpc').href).toBe('https://cloud.example.com/one-proxy/xmlrpc');
    expect(passwordContextUrl(oneEndpoint('cloud.lal.stratuslab.eu')).href).toBe('https://cloud.lal.stratuslab.eu:2634/pswd/xmlrpc');
    expect(passwordContextUrl(new URL('https://cloud.example.com/one-proxy/xmlrpc')).href).toBe(
      'https://cloud.example.com/one-proxy/pswd/xmlrpc',
    );
    expect(pdiskEndpoint('pdisk.lal.stratuslab.eu', oneEndpoint('x.org'))).toBe('https://pdisk.lal.stratuslab.eu:8445');
    expect(pdiskEndpoint(undefined, oneEndpoint('cloud.lal.stratuslab.eu'))).toBe('https://cloud.lal.stratuslab.eu:8445');
    expect(marketplaceEndpoint(undefined)).toBe('https://marketplace.stratuslab.eu');
    expect(marketplaceEndpoint('https://mp.example.org///')).toBe('https://mp.example.org');
  });

  it('refuses values that are neither a host nor an http(s) URL', () => {
    expect(() => oneEndpoint('ftp://x/y')).toThrow(InvalidArgumentError);
    expect(() => oneEndpoint('bad host')).toThrow(/endpoint/);
  });
});

describe('resolveIniConfig', () => {
  const cfg = resolveIniConfig(parseIni(CFG, 'test.cfg'), 'test.cfg');

  it('lists every cloud section as a location; [default] only when chosen; selected_section is the default', () => {
    expect(cfg.locations.map((l) => l.id)).toEqual(['lal', 'example']);
    expect(cfg.defaultLocation).toBe('lal');
    const lal = cfg.locations[0]!;
    expect(lal).toMatchObject({ name: 'LAL (Orsay)', country: 'FR', username: 'alice', password: 's3cret' });
    expect(lal.endpoint.href).toBe('https://cloud.lal.stratuslab.eu:2634/xmlrpc');
    expect(lal.pdiskEndpoint).toBe('https://pdisk.lal.stratuslab.eu:8445');
    expect(lal.marketplaceEndpoint).toBe('https://marketplace.example.org');
  });

  it('overlays each section on [default]', () => {
    const example = cfg.locations[1]!;
    expect(example).toMatchObject({ name: 'example', country: 'unknown', username: 'bob', password: 'other' });
    expect(example.pdiskEndpoint).toBe('https://cloud.example.com:8445');
  });

  it('adds and overrides instance types, dropping invalid entries', () => {
    const byName = new Map(cfg.instanceTypes.map((t) => [t.name, t]));
    expect(byName.get('x1.tiny')).toEqual({ name: 'x1.tiny', cpu: 1, ramMb: 256, swapMb: 128 });
    expect(byName.get('m1.small')).toEqual({ name: 'm1.small', cpu: 2, ramMb: 2048, swapMb: 1024 });
    expect(byName.get('c1.xlarge')).toEqual({ name: 'c1.xlarge', cpu: 4, ramMb: 6144, swapMb: 6144 });
    expect(byName.has('bad')).toBe(false);
  });

  it('lists [default] as a location when it is the default', () => {
    const only = resolveIniConfig(parseIni('[default]\nendpoint = a.example.org\n'), 'x');
    expect(only.locations.map((l) => l.id)).toEqual(['default']);
  });

  it('refuses a missing [default], an unknown default location and a location without endpoint', () => {
    expect(() => resolveIniConfig(parseIni('[lal]\nendpoint = a\n'), 'x.cfg')).toThrow(/mandatory \[default\]/);
    expect(() => resolveIniConfig(parseIni(CFG), 'x.cfg', 'nowhere')).toThrow(/"nowhere" has no section. Valid locations: lal, example/);
    expect(() => resolveIniConfig(parseIni('[default]\nselected_section = a\n[a]\nname = A\n'), 'x.cfg')).toThrow(/has no endpoint/);
  });

  it('resolves the locations option the same way', () => {
    const r = resolveLocationOptions({ one: { endpoint: 'one.example.org' }, two: { endpoint: 'two.example.org' } }, 'two');
    expect(r.defaultLocation).toBe('two');
    expect(r.locations[0]!.endpoint.href).toBe('https://one.example.org:2634/xmlrpc');
    expect(() => resolveLocationOptions({}, undefined)).toThrow(/at least one location/);
    expect(() => resolveLocationOptions({ one: { endpoint: 'a' } }, 'x')).toThrow(/Valid locations: one/);
  });
});

describe('readStratusLabEnv', () => {
  it('builds one location from STRATUSLAB_ENDPOINT and friends', () => {
    const cfg = readStratusLabEnv({
      STRATUSLAB_ENDPOINT: 'cloud.example.org',
      STRATUSLAB_USERNAME: 'u',
      STRATUSLAB_PASSWORD: 'p',
      STRATUSLAB_PDISK_ENDPOINT: 'pdisk.example.org',
      STRATUSLAB_USER_CONFIG_SECTION: 'mine',
    });
    expect(cfg.username).toBe('u');
    expect(cfg.password).toBe('p');
    expect(cfg.options.locations?.['mine']).toMatchObject({ endpoint: 'cloud.example.org', pdiskEndpoint: 'pdisk.example.org' });
  });

  it('without an endpoint, reads the file and lets the section variable pick the default', () => {
    expect(readStratusLabEnv({ STRATUSLAB_USER_CONFIG_SECTION: 'example' }).options).toEqual({ defaultLocation: 'example' });
    expect(readStratusLabEnv({}).options).toEqual({});
  });
});
