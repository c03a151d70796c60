import { NodeState } from '@cloudmux/core/compute';
import { JoyentNodeDriver } from '../../src/index.js';
import { isPrivateIp, splitIps } from '../../src/cloudapi/ip.js';
import { toNode } from '../../src/cloudapi/to-node.js';
import { toImage, toKeyPair, toSize, toSnapshot } from '../../src/cloudapi/to-resources.js';
import { toAccount, toAuditEntry, fromAccountUpdate, toFirewallRule, toNetwork } from '../../src/cloudapi/to-extras.js';
import { MACHINE_STATE_MAP, toNodeState } from '../../src/cloudapi/state-map.js';
import { testKey } from '../support/keys.js';

const driver = new JoyentNodeDriver('demo', undefined, { url: 'http://127.0.0.1:1', privateKey: testKey('ed25519').privatePem });

describe('state map', () => {
  it.each([
    ['provisioning', NodeState.PENDING],
    ['ready', NodeState.REBOOTING],
    ['running', NodeState.RUNNING],
    ['stopping', NodeState.STOPPING],
    ['stopped', NodeState.STOPPED],
    ['offline', NodeState.UNKNOWN],
    ['deleted', NodeState.TERMINATED],
    ['destroyed', NodeState.TERMINATED],
    ['failed', NodeState.ERROR],
    ['unknown', NodeState.UNKNOWN],
  ])('maps CloudAPI state %s to %s', (wire, portable) => {
    expect(toNodeState(wire)).toBe(portable);
  });
  it('knows every state CloudAPI documents, and nothing more', () => {
    expect(Object.keys(MACHINE_STATE_MAP).sort()).toEqual([
      'deleted',
      'destroyed',
      'failed',
      'offline',
      'provisioning',
      'ready',
      'running',
      'stopped',
      'stopping',
      'unknown',
    ]);
    expect(Object.isFrozen(MACHINE_STATE_MAP)).toBe(true);
  });
  it('maps unknown and odd-cased states', () => {
    expect(toNodeState('Running')).toBe(NodeState.RUNNING);
    expect(toNodeState('weird')).toBe(NodeState.UNKNOWN);
    expect(toNodeState('constructor')).toBe(NodeState.UNKNOWN);
    expect(toNodeState('toString')).toBe(NodeState.UNKNOWN);
    expect(toNodeState(undefined)).toBe(NodeState.UNKNOWN);
  });
});

describe('ip classification', () => {
  it('treats RFC 1918, shared, link-local and ULA space as private', () => {
    for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '169.254.1.1', 'fd00::1', 'fe80::1'])
      expect(isPrivateIp(ip)).toBe(true);
    for (const ip of ['172.32.0.1', '8.8.8.8', '192.0.2.10', '2001:db8::1', '127.0.0.1']) expect(isPrivateIp(ip)).toBe(false);
  });
  it('drops non-addresses and puts IPv4 first', () => {
    expect(splitIps(['2001:db8::1', 'dhcp', null, '192.0.2.1', '10.0.0.5', '192.0.2.1'])).toEqual({
      publicIps: ['192.0.2.1', '2001:db8::1'],
      privateIps: ['10.0.0.5'],
    });
  });
});

describe('toNode', () => {
  const wire = {
    id: 'b6979942-7d5d-4fe6-a2ec-b812e950625a',
    name: 'web-1',
    type: 'smartmachine',
    brand: 'joyent',
    state: 'running',
    image: '2b683a82-a066-11e3-97ab-2faa44701c5a',
    memory: 1024,
    disk: 25600,
    metadata: { 'user-script': 'echo hi' },
    tags: { role: 'web', weight: 3 },
    created: '2024-01-02T03:04:05.000Z',
    updated: '2024-01-02T03:05:05.000Z',
    ips: ['192.0.2.7', '10.88.0.7'],
    networks: ['n1', null],
    primaryIp: '192.0.2.7',
    firewall_enabled: true,
    compute_node: 'cn-1',
    package: 'g4-highcpu-1G',
  };
  it('maps fields, IPs and extra', () => {
    const n = toNode(wire, driver, 'us-east-1');
    expect(n).toMatchObject({
      id: wire.id,
      name: 'web-1',
      state: NodeState.RUNNING,
      publicIps: ['192.0.2.7'],
      privateIps: ['10.88.0.7'],
      sizeId: 'g4-highcpu-1G',
      imageId: wire.image,
      locationId: 'us-east-1',
    });
    expect(n.created?.toISOString()).toBe(wire.created);
    expect(n.extra).toMatchObject({
      state: 'running',
      brand: 'joyent',
      memoryMb: 1024,
      diskMb: 25600,
      firewallEnabled: true,
      computeNode: 'cn-1',
      networks: ['n1'],
      tags: { role: 'web', weight: 3 },
    });
    expect(n.driver).toBe(driver);
    expect(Object.keys(n)).not.toContain('driver');
  });
  it('falls back to nics and 6.5 dataset', () => {
    const n = toNode(
      {
        id: 'x',
        name: 'x',
        state: 'provisioning',
        dataset: 'sdc:sdc:smartos:1.3.15',
        nics: [{ mac: '90:b8:d0:00:00:01', ip: '10.0.0.9', primary: true }],
      },
      driver,
      undefined,
    );
    expect(n.state).toBe(NodeState.PENDING);
    expect(n.imageId).toBe('sdc:sdc:smartos:1.3.15');
    expect(n.privateIps).toEqual(['10.0.0.9']);
    expect(n.locationId).toBeUndefined();
  });
});

describe('resource mappers', () => {
  it('maps a package to a size (disk in GiB, price passed through)', () => {
    const s = toSize(
      {
        id: 'p1',
        name: 'g4-highcpu-1G',
        memory: 1024,
        disk: 25600,
        swap: 4096,
        vcpus: 1,
        lwps: 4000,
        version: '1.0.3',
        group: 'Compute Optimized',
        default: false,
      },
      driver,
      0.03,
    );
    expect(s).toMatchObject({ id: 'g4-highcpu-1G', name: 'g4-highcpu-1G', ramMb: 1024, diskGb: 25, vcpus: 1, price: 0.03 });
    expect(s.extra).toMatchObject({ uuid: 'p1', diskMb: 25600, swapMb: 4096, group: 'Compute Optimized', default: false });
    expect(toSize({ name: 'legacy', memory: 256, disk: 5120 }, driver, undefined)).toMatchObject({
      id: 'legacy',
      price: undefined,
      vcpus: undefined,
    });
  });
  it('maps images and datasets', () => {
    const i = toImage(
      {
        id: 'i1',
        name: 'base-64-lts',
        version: '23.4.0',
        os: 'smartos',
        type: 'zone-dataset',
        published_at: '2024-01-01T00:00:00Z',
        public: true,
        state: 'active',
      },
      driver,
    );
    expect(i).toMatchObject({ id: 'i1', name: 'base-64-lts' });
    expect(i.extra).toMatchObject({
      version: '23.4.0',
      os: 'smartos',
      type: 'zone-dataset',
      public: true,
      state: 'active',
      default: false,
    });
    expect(i.extra.publishedAt?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    const d = toImage(
      {
        id: 'd1',
        urn: 'sdc:sdc:smartos:1.3.15',
        name: 'smartos',
        os: 'smartos',
        type: 'smartmachine',
        version: '1.3.15',
        default: true,
        created: '2011-01-01T00:00:00Z',
      },
      driver,
    );
    expect(d.extra).toMatchObject({ urn: 'sdc:sdc:smartos:1.3.15', default: true, type: 'smartmachine' });
  });
  it('maps keys and snapshots', () => {
    expect(toKeyPair({ name: 'laptop', fingerprint: 'aa:bb', key: 'ssh-ed25519 AAAA x' }, driver)).toMatchObject({
      name: 'laptop',
      fingerprint: 'aa:bb',
      publicKey: 'ssh-ed25519 AAAA x',
    });
    const s = toSnapshot({ name: 'snap1', state: 'created', size: 2048, created: '2024-01-01T00:00:00Z' }, 'm1', driver);
    expect(s).toMatchObject({ id: 'snap1', name: 'snap1', state: 'created', sourceId: 'm1', sizeGb: 2 });
  });
  it('maps extras', () => {
    expect(toNetwork({ id: 'n', name: 'public', public: true, resolvers: ['8.8.8.8'] })).toMatchObject({
      id: 'n',
      public: true,
      fabric: false,
      resolvers: ['8.8.8.8'],
    });
    expect(toFirewallRule({ id: 'r', rule: 'FROM any TO all vms ALLOW tcp PORT 22', enabled: false })).toEqual({
      id: 'r',
      rule: 'FROM any TO all vms ALLOW tcp PORT 22',
      enabled: false,
      global: false,
      description: undefined,
    });
    expect(toAccount({ id: 'a', login: 'demo', triton_cns_enabled: true })).toMatchObject({ login: 'demo', tritonCnsEnabled: true });
    expect(fromAccountUpdate({ companyName: 'Acme', tritonCnsEnabled: false, phone: undefined })).toEqual({
      companyName: 'Acme',
      triton_cns_enabled: false,
    });
    expect(
      toAuditEntry({ action: 'stop', success: 'yes', time: '2024-01-01T00:00:00Z', caller: { type: 'signature', keyId: '/demo/keys/aa' } }),
    ).toMatchObject({ action: 'stop', success: true, caller: { type: 'signature', keyId: '/demo/keys/aa' } });
  });
});
