import { inspect } from 'node:util';
import type { Capabilities } from '@cloudmux/core';
import type { ComputeMethod } from '@cloudmux/core/compute';
import type { DnsMethod } from '@cloudmux/core/dns';
import type { LoadBalancerMethod } from '@cloudmux/core/loadbalancer';
import type { StorageMethod } from '@cloudmux/core/storage';
import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import {
  describeComputeConformance,
  describeDnsConformance,
  describeLoadBalancerConformance,
  describeStorageConformance,
} from '@cloudmux/test-kit';
import { DummyDnsDriver, DummyLoadBalancerDriver, DummyNodeDriver, LocalStorageDriver } from '../src/index.js';
import { tempRoot } from './support/temp-root.js';

// Drivers that declare only part of their API: the suites must then see NotSupportedError from
// every method left out (the drivers guard each method by their declared capabilities), while
// the declared ones still pass their checks with the other methods missing.

class ReadOnlyCompute extends DummyNodeDriver {
  static override readonly capabilities: Capabilities<ComputeMethod> = [
    'listNodes',
    'createNode',
    'listSizes',
    'getImage',
    'listLocations',
    'createVolume',
    'listKeyPairs',
    'createKeyPair',
  ];
}

class UploadOnlyStorage extends LocalStorageDriver {
  static override readonly capabilities: Capabilities<StorageMethod> = [
    'createContainer',
    'uploadObject',
    'getObject',
    'downloadObjectAsStream',
  ];
}

class NoExportDns extends DummyDnsDriver {
  static override readonly capabilities: Capabilities<DnsMethod> = ['createZone', 'listZones', 'createRecord', 'listRecords'];
}

class StaticLb extends DummyLoadBalancerDriver {
  static override readonly capabilities: Capabilities<LoadBalancerMethod> = [
    'listProtocols',
    'createBalancer',
    'listBalancers',
    'balancerAttachMember',
  ];
}

describeComputeConformance({
  name: 'dummy, narrowed',
  setup: async () => ({ driver: new ReadOnlyCompute('dummy', undefined, { bootDelayMs: 10 }), teardown: async () => undefined }),
  createNodeOptions: async () => ({ size: 'dummy-small', image: 'dummy-debian-12' }),
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});

describeStorageConformance({
  name: 'local, narrowed',
  setup: async () => {
    const dir = await tempRoot();
    return { driver: new UploadOnlyStorage(dir.root), teardown: dir.remove };
  },
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});

describeDnsConformance({
  name: 'dummy, narrowed',
  setup: async () => ({ driver: new NoExportDns('dummy'), teardown: async () => undefined }),
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});

describeLoadBalancerConformance({
  name: 'dummy, narrowed',
  setup: async () => ({ driver: new StaticLb('dummy'), teardown: async () => undefined }),
  pollIntervalMs: 5,
  timeoutMs: 5_000,
});

// The guard comes from core's DriverBase (an own, non-enumerable member per left-out method), so it
// holds even where a driver's own method would answer: each removed method below is implemented.
describe('narrowed drivers: the capability guard of core', () => {
  const notSupported = async (call: () => unknown, method: string): Promise<void> => {
    const err = await (async () => call())().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NotSupportedError);
    expect((err as NotSupportedError).method).toBe(method);
  };

  it('compute: destroyNode, iterateVolumes and waitUntilRunning are refused', async () => {
    const d = new ReadOnlyCompute('dummy', undefined, { bootDelayMs: 10 });
    const node = await d.createNode({ size: 'dummy-small', image: 'dummy-debian-12' });
    await notSupported(() => d.destroyNode(node.id), 'destroyNode');
    await notSupported(() => d.iterateVolumes()[Symbol.asyncIterator]().next(), 'listVolumes');
    await notSupported(() => d.waitUntilRunning([node.id]), 'waitUntilRunning');
    expect(Object.getOwnPropertyNames(d)).not.toContain('destroyNode');
    expect(inspect(d)).not.toMatch(/destroyNode/);
  });

  it('storage: listContainers / iterateContainers and deleteObject are refused', async () => {
    const dir = await tempRoot();
    try {
      const s = new UploadOnlyStorage(dir.root);
      await notSupported(() => s.listContainers(), 'listContainers');
      await notSupported(() => s.iterateContainers()[Symbol.asyncIterator]().next(), 'listContainers');
      await notSupported(() => s.iterateContainerObjects('c')[Symbol.asyncIterator]().next(), 'listContainerObjects');
      expect(inspect(s)).not.toMatch(/listContainers/);
    } finally {
      await dir.remove();
    }
  });

  it('DNS: listRecordTypes throws at once, the BIND export and deleteZone are refused', async () => {
    const d = new NoExportDns('dummy');
    expect(() => d.listRecordTypes()).toThrow(NotSupportedError);
    const zone = await d.createZone({ domain: 'example.com' });
    await notSupported(() => d.exportZoneToBindFormat(zone), 'exportZoneToBindFormat');
    await notSupported(() => d.exportZoneToBindZoneFile(zone, { path: '/nonexistent/zone' }), 'exportZoneToBindFormat');
    await notSupported(() => d.deleteZone(zone), 'deleteZone');
  });

  it('load balancer: destroyBalancer and iterateBalancers stay allowed or refused as declared', async () => {
    const l = new StaticLb('dummy');
    const b = await l.createBalancer({ name: 'web', port: 80, protocol: 'http' });
    await notSupported(() => l.destroyBalancer(b), 'destroyBalancer');
    await notSupported(() => l.balancerListMembers(b), 'balancerListMembers');
    expect((await l.listBalancers()).map((x) => x.id)).toContain(b.id);
  });
});

describe('dummy drivers: unknown ex keys (core checkExKeys)', () => {
  it.each([
    [
      'createNode',
      () => new DummyNodeDriver('dummy').createNode({ size: 'dummy-small', image: 'dummy-debian-12', ex: { colour: 'red' } as never }),
      /^createNode ex: unknown option "colour"\. Valid options: tags$/,
    ],
    [
      'listNodes',
      () => new DummyNodeDriver('dummy').listNodes({ ex: { colour: 'red' } as never }),
      /^listNodes ex: unknown option "colour"\. Valid options: name, state$/,
    ],
    [
      'createVolume',
      () => new DummyNodeDriver('dummy').createVolume({ name: 'v', sizeGb: 1, ex: { colour: 'red' } }),
      /^createVolume ex: unknown option "colour"\. Valid options: \(none/,
    ],
    [
      'createZone',
      () => new DummyDnsDriver('dummy').createZone({ domain: 'example.com', ex: { colour: 'red' } }),
      /^createZone ex: unknown option "colour"/,
    ],
    [
      'createBalancer',
      () => new DummyLoadBalancerDriver('dummy').createBalancer({ name: 'b', port: 80, protocol: 'http', ex: { colour: 'red' } }),
      /^createBalancer ex: unknown option "colour"/,
    ],
  ] as const)('%s refuses an unknown ex key', async (_m, call, message) => {
    const err = await (call() as Promise<unknown>).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as Error).message).toMatch(message);
    expect((err as InvalidArgumentError).provider).toBe('dummy');
  });
});
