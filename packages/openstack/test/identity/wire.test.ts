import { InvalidArgumentError } from '@cloudmux/core/errors';
import { chooseVersion, parseVersionDocument, versionRoot } from '../../src/identity/discovery.js';
import { parseV2Access, v2AuthBody } from '../../src/identity/v2.js';
import { parseV3Token, v3AuthBody } from '../../src/identity/v3.js';
import { parseExpiry, parseKeystoneTime } from '../../src/identity/wire-util.js';

describe('v3 auth bodies', () => {
  it('password by user name and domain, project by name and domain', () => {
    expect(
      v3AuthBody(
        'openstack',
        { type: 'v3password', username: 'u', userDomainName: 'D', password: 'p' },
        { projectName: 'proj', projectDomainId: 'dom' },
      ),
    ).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'u', domain: { name: 'D' }, password: 'p' } } },
        scope: { project: { name: 'proj', domain: { id: 'dom' } } },
      },
    });
  });

  it('password by user id, project by id; the default domain when none is given', () => {
    expect(v3AuthBody('openstack', { type: 'v3password', userId: 'uid', password: 'p' }, { projectId: 'pid' })).toEqual({
      auth: { identity: { methods: ['password'], password: { user: { id: 'uid', password: 'p' } } }, scope: { project: { id: 'pid' } } },
    });
    const body = v3AuthBody('openstack', { type: 'v3password', username: 'u', password: 'p' }, { projectName: 'x' }) as {
      auth: { identity: { password: { user: { domain: unknown } } }; scope: { project: { domain: unknown } } };
    };
    expect(body.auth.identity.password.user.domain).toEqual({ id: 'default' });
    expect(body.auth.scope.project.domain).toEqual({ id: 'default' });
  });

  it('domain scope and unscoped', () => {
    expect(v3AuthBody('openstack', { type: 'v3token', token: 't' }, { domainName: 'Default' })).toEqual({
      auth: { identity: { methods: ['token'], token: { id: 't' } }, scope: { domain: { name: 'Default' } } },
    });
    expect(v3AuthBody('openstack', { type: 'v3token', token: 't' }, undefined)).toEqual({
      auth: { identity: { methods: ['token'], token: { id: 't' } } },
    });
  });

  it('application credentials never carry a scope', () => {
    expect(v3AuthBody('openstack', { type: 'v3applicationcredential', id: 'ac', secret: 's' }, { projectName: 'ignored' })).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac', secret: 's' } } },
    });
    expect(
      v3AuthBody('openstack', { type: 'v3applicationcredential', name: 'n', username: 'u', userDomainId: 'd', secret: 's' }, undefined),
    ).toEqual({
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { name: 'n', user: { name: 'u', domain: { id: 'd' } }, secret: 's' },
        },
      },
    });
    expect(() => v3AuthBody('openstack', { type: 'v3applicationcredential', secret: 's' }, undefined)).toThrow(InvalidArgumentError);
  });

  it('refuses v2 credentials', () => {
    expect(() => v3AuthBody('openstack', { type: 'v2password', username: 'u', password: 'p' }, undefined)).toThrow(/need Keystone v2.0/);
  });
});

describe('v2.0 auth bodies', () => {
  it('password and token with a tenant', () => {
    expect(v2AuthBody('openstack', { type: 'v2password', username: 'u', password: 'p' }, { projectName: 'demo' })).toEqual({
      auth: { passwordCredentials: { username: 'u', password: 'p' }, tenantName: 'demo' },
    });
    expect(v2AuthBody('openstack', { type: 'v2token', token: 't' }, { projectId: 'tid' })).toEqual({
      auth: { token: { id: 't' }, tenantId: 'tid' },
    });
  });

  it('takes a vendor credential (Rackspace API key) through custom credentials', () => {
    const body = v2AuthBody(
      'rackspace',
      {
        type: 'custom',
        name: 'rax-apikey',
        identityApiVersion: '2.0',
        authBody: () => ({ 'RAX-KSKEY:apiKeyCredentials': { username: 'u', apiKey: 'k' } }),
      },
      { projectId: '123' },
    );
    expect(body).toEqual({ auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'u', apiKey: 'k' }, tenantId: '123' } });
  });
});

describe('token parsing', () => {
  it('reads a v3 token body with catalog, corrected for clock skew', () => {
    const receivedAt = Date.parse('2030-01-01T00:00:00Z');
    const info = parseV3Token(
      {
        token: {
          methods: ['password'],
          user: { id: 'u1', name: 'demo', domain: { id: 'default', name: 'Default' } },
          project: { id: 'p1', name: 'demo', domain: { id: 'default', name: 'Default' } },
          roles: [{ id: 'r', name: 'member' }],
          // Server clock is 2 hours behind ours; the lifetime is one hour.
          issued_at: '2029-12-31T22:00:00.000000Z',
          expires_at: '2029-12-31T23:00:00.000000Z',
          catalog: [
            {
              type: 'compute',
              name: 'nova',
              id: 's1',
              endpoints: [
                { id: 'e1', interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url: 'https://n/v2.1' },
                { id: 'e2', interface: 'bogus', region_id: 'RegionOne', url: 'https://x' },
              ],
            },
          ],
        },
      },
      receivedAt,
    );
    expect(info).toBeDefined();
    expect(info!.expiresAt).toBe(receivedAt + 3_600_000);
    expect(info!.projectId).toBe('p1');
    expect(info!.domainId).toBe('default');
    expect(info!.roles).toEqual(['member']);
    expect(info!.catalog).toEqual([
      {
        type: 'compute',
        name: 'nova',
        id: 's1',
        endpoints: [{ url: 'https://n/v2.1', interface: 'public', region: 'RegionOne', id: 'e1' }],
      },
    ]);
    expect(parseV3Token({ nope: 1 }, receivedAt)).toBeUndefined();
  });

  it('reads a v2.0 access body, one endpoint per interface URL', () => {
    const info = parseV2Access(
      {
        access: {
          token: {
            id: 'tok',
            expires: '2030-01-01T01:00:00Z',
            issued_at: '2030-01-01T00:00:00.123456',
            tenant: { id: 't1', name: 'demo' },
          },
          serviceCatalog: [
            {
              type: 'compute',
              name: 'nova',
              endpoints: [{ region: 'R', publicURL: 'https://pub/v2.1', internalURL: 'http://int/v2.1', adminURL: 'http://adm/v2.1' }],
            },
          ],
          user: { id: 'u', name: 'demo', roles: [{ name: 'member' }] },
        },
      },
      Date.parse('2030-01-01T00:00:00Z'),
    );
    expect(info!.projectId).toBe('t1');
    expect(info!.catalog[0]!.endpoints.map((e) => [e.interface, e.url])).toEqual([
      ['public', 'https://pub/v2.1'],
      ['internal', 'http://int/v2.1'],
      ['admin', 'http://adm/v2.1'],
    ]);
    expect(info!.expiresAt).toBe(Date.parse('2030-01-01T00:59:59.877Z'));
  });

  it('parses Keystone times with and without a zone', () => {
    expect(parseKeystoneTime('2030-01-01T00:00:00.000000')).toBe(Date.parse('2030-01-01T00:00:00Z'));
    expect(parseKeystoneTime('2030-01-01T00:00:00+01:00')).toBe(Date.parse('2029-12-31T23:00:00Z'));
    expect(parseKeystoneTime('soon')).toBeUndefined();
    expect(parseExpiry('2030-01-01T00:00:00Z', undefined, 5)).toBe(Date.parse('2030-01-01T00:00:00Z'));
  });
});

describe('version discovery documents', () => {
  const nova = {
    versions: [
      { id: 'v2.0', status: 'SUPPORTED', version: '', min_version: '', links: [{ rel: 'self', href: 'http://n:8774/v2/' }] },
      { id: 'v2.1', status: 'CURRENT', version: '2.96', min_version: '2.1', links: [{ rel: 'self', href: 'http://n:8774/v2.1/' }] },
    ],
  };
  const glance = {
    versions: [
      { id: 'v2.17', status: 'CURRENT', links: [{ rel: 'self', href: 'http://g/image/v2/' }] },
      { id: 'v2.16', status: 'SUPPORTED', links: [{ rel: 'self', href: 'http://g/image/v2/' }] },
      { id: 'v2.0', status: 'SUPPORTED', links: [{ rel: 'self', href: 'http://g/image/v2/' }] },
      { id: 'v1.1', status: 'DEPRECATED', links: [{ rel: 'self', href: 'http://g/image/v1/' }] },
    ],
  };

  it('reads Nova microversions and picks v2.1 exactly', () => {
    const v = chooseVersion(parseVersionDocument(nova), 'v2.1');
    expect(v).toEqual({ id: 'v2.1', status: 'CURRENT', minMicroversion: '2.1', maxMicroversion: '2.96', url: 'http://n:8774/v2.1/' });
    expect(chooseVersion(parseVersionDocument(nova), 'v2.0')?.id).toBe('v2.0');
    expect(chooseVersion(parseVersionDocument(nova), 'v2.5')).toBeUndefined();
  });

  it('picks the CURRENT version of a major (Glance v2.x)', () => {
    expect(chooseVersion(parseVersionDocument(glance), 'v2')?.id).toBe('v2.17');
    expect(chooseVersion(parseVersionDocument(glance), 'v3')).toBeUndefined();
    expect(chooseVersion(parseVersionDocument(glance), 'v2.0')?.id).toBe('v2.0');
    expect(chooseVersion(parseVersionDocument({ versions: [{ id: 'v3.0', status: 'CURRENT', links: [] }] }), 'v3')?.id).toBe('v3.0');
  });

  it('reads Keystone and single-version documents', () => {
    expect(parseVersionDocument({ versions: { values: [{ id: 'v3.14', status: 'stable', links: [] }] } })[0]?.id).toBe('v3.14');
    expect(
      chooseVersion(parseVersionDocument({ version: { id: 'v3.0', status: 'CURRENT', version: '3.70', min_version: '3.0' } }), 'v3'),
    ).toMatchObject({ maxMicroversion: '3.70' });
  });

  it('finds the version root of versioned URLs', () => {
    expect(versionRoot('http://h/volume/v3/abc')).toBe('http://h/volume/v3');
    expect(versionRoot('http://h:8774/v2.1')).toBe('http://h:8774/v2.1');
    expect(versionRoot('http://h/image')).toBeUndefined();
    expect(versionRoot('http://h:9696/')).toBeUndefined();
  });
});
