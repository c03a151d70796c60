import { describe, expect, it } from '@jest/globals';
import { KeyPair, Node, NodeImage, NodeState, StorageVolume, type NodeDriver } from '../../src/compute/index.js';
import { LoadBalancer, LoadBalancerState, Member, type LoadBalancerDriver } from '../../src/loadbalancer/index.js';
import { Container, StorageObject, type StorageDriver } from '../../src/storage/index.js';
import { DnsRecord, RecordType, Zone, type DnsDriver } from '../../src/dns/index.js';

const fake = (providerId: string, region?: string, url?: string): NodeDriver => ({ providerId, region, url }) as unknown as NodeDriver;

const node = (driver: NodeDriver, id: string, locationId?: string, name = 'n'): Node =>
  new Node({ id, name, state: NodeState.RUNNING, locationId }, driver);

describe('equals() on resource classes', () => {
  it('nodes: same provider, location and id are equal whatever else differs', () => {
    const a = node(fake('joyent'), 'm1', 'us-east-1', 'web');
    const b = node(fake('joyent'), 'm1', 'us-east-1', 'renamed');
    expect(a.equals(b)).toBe(true);
    expect(a.equals(node(fake('joyent'), 'm2', 'us-east-1'))).toBe(false);
    expect(a.equals(node(fake('joyent'), 'm1', 'eu-ams-1'))).toBe(false);
    expect(a.equals(node(fake('ec2'), 'm1', 'us-east-1'))).toBe(false);
    expect(a.equals({ ...a })).toBe(false);
    expect(a.equals(undefined)).toBe(false);
  });

  it('resources without a location of their own compare the drivers region, else endpoint', () => {
    const img = (d: NodeDriver, id: string): NodeImage => new NodeImage({ id, name: 'x' }, d);
    expect(img(fake('ec2', 'us-east-1'), 'ami-1').equals(img(fake('ec2', 'us-east-1'), 'ami-1'))).toBe(true);
    expect(img(fake('ec2', 'us-east-1'), 'ami-1').equals(img(fake('ec2', 'eu-west-1'), 'ami-1'))).toBe(false);
    expect(img(fake('joyent', undefined, 'https://a'), 'i').equals(img(fake('joyent', undefined, 'https://b'), 'i'))).toBe(false);
    const vol = new StorageVolume({ id: 'vol-1', name: 'v', sizeGb: 1, state: 'available' }, fake('ec2', 'r'));
    expect(vol.equals(img(fake('ec2', 'r'), 'vol-1'))).toBe(false);
    expect(
      new KeyPair({ name: 'k', fingerprint: 'a' }, fake('ec2', 'r')).equals(new KeyPair({ name: 'k', fingerprint: 'b' }, fake('ec2', 'r'))),
    ).toBe(true);
  });

  it('storage objects compare container and name; balancers and members their ids', () => {
    const sd = { providerId: 'local', region: undefined } as unknown as StorageDriver;
    const obj = (c: string, n: string): StorageObject => new StorageObject({ name: n, size: 1, hash: 'h', containerName: c }, sd);
    expect(obj('a', 'x').equals(obj('a', 'x'))).toBe(true);
    expect(obj('a', 'x').equals(obj('b', 'x'))).toBe(false);
    expect(new Container({ name: 'a' }, sd).equals(new Container({ name: 'a' }, sd))).toBe(true);
    const ld = { providerId: 'dummy' } as unknown as LoadBalancerDriver;
    const lb = (id: string): LoadBalancer =>
      new LoadBalancer({ id, name: id, state: LoadBalancerState.RUNNING, ip: undefined, port: 80 }, ld);
    expect(lb('1').equals(lb('1'))).toBe(true);
    expect(lb('1').equals(lb('2'))).toBe(false);
    const m = (id: string, balancerId: string): Member => new Member({ id, ip: '10.0.0.1', port: 80, balancerId });
    expect(m('a', 'b1').equals(m('a', 'b1'))).toBe(true);
    expect(m('a', 'b1').equals(m('a', 'b2'))).toBe(false);
  });

  it('DNS zones compare their ids; records their zone and id', () => {
    const dd = { providerId: 'powerdns', url: 'http://127.0.0.1:8081' } as unknown as DnsDriver;
    const zone = (id: string): Zone => new Zone({ id, domain: id, type: 'master', ttl: 300 }, dd);
    const rec = (zoneId: string, id: string, data: string): DnsRecord =>
      new DnsRecord({ id, name: 'www', type: RecordType.A, data, zone: zone(zoneId) }, dd);
    expect(zone('example.com.').equals(zone('example.com.'))).toBe(true);
    expect(zone('example.com.').equals(zone('example.org.'))).toBe(false);
    expect(rec('example.com.', 'r1', '10.0.0.1').equals(rec('example.com.', 'r1', '10.0.0.2'))).toBe(true);
    expect(rec('example.com.', 'r1', '10.0.0.1').equals(rec('example.org.', 'r1', '10.0.0.1'))).toBe(false);
    expect(rec('example.com.', 'r1', '10.0.0.1').equals(zone('example.com.'))).toBe(false);
  });
});
