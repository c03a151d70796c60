import type { Capabilities } from '@cloudmux/core';
import type { ComputeMethod } from '@cloudmux/core/compute';
import type { DnsMethod } from '@cloudmux/core/dns';
import type { LoadBalancerMethod } from '@cloudmux/core/loadbalancer';
import type { StorageMethod } from '@cloudmux/core/storage';
import { describeComputeConformance, describeDnsConformance, describeLoadBalancerConformance, describeStorageConformance } from '@cloudmux/test-kit';
import { DummyDnsDriver, DummyLoadBalancerDriver, DummyNodeDriver, LocalStorageDriver } from '../src/index.js';
import { tempRoot } from './support/temp-root.js';

// Drivers that declare only part of their API: the suites must then see NotSupportedError from
// every method left out (the drivers guard each method by their declared capabilities), while
// the declared ones still pass their checks with the other methods missing.

class ReadOnlyCompute extends DummyNodeDriver {
  static override readonly capabilities: Capabilities<ComputeMethod> = ['listNodes', 'createNode', 'listSizes', 'getImage', 'listLocations', 'createVolume', 'listKeyPairs', 'createKeyPair'];
}

class UploadOnlyStorage extends LocalStorageDriver {
  static override readonly capabilities: Capabilities<StorageMethod> = ['createContainer', 'uploadObject', 'getObject', 'downloadObjectAsStream'];
}

class NoExportDns extends DummyDnsDriver {
  static override readonly capabilities: Capabilities<DnsMethod> = ['createZone', 'listZones', 'createRecord', 'listRecords'];
}

class StaticLb extends DummyLoadBalancerDriver {
  static override readonly capabilities: Capabilities<LoadBalancerMethod> = ['listProtocols', 'createBalancer', 'listBalancers', 'balancerAttachMember'];
}

describeComputeConformance({
  name: 'dummy, narrowed',
  setup: async () => ({ driver: new ReadOnlyCompute('dummy', undefined, { bootDelayMs: 10 }), teardown: async () => undefined }),
  createNodeOptions: async () => ({ size: 'dummy-small', image: 'dummy-debian-12' }),
  waitPeriodMs: 5,
  timeoutMs: 5_000,
});

describeStorageConformance({
  name: 'local, narrowed',
  setup: async () => {
    const dir = await tempRoot();
    return { driver: new UploadOnlyStorage(dir.root), teardown: dir.remove };
  },
  waitPeriodMs: 5,
  timeoutMs: 5_000,
});

describeDnsConformance({
  name: 'dummy, narrowed',
  setup: async () => ({ driver: new NoExportDns('dummy'), teardown: async () => undefined }),
  waitPeriodMs: 5,
  timeoutMs: 5_000,
});

describeLoadBalancerConformance({
  name: 'dummy, narrowed',
  setup: async () => ({ driver: new StaticLb('dummy'), teardown: async () => undefined }),
  waitPeriodMs: 5,
  timeoutMs: 5_000,
});
