import { inspect } from 'node:util';
import { DriverBase, type Capabilities, type ProviderDefinition } from '@cloudmux/core';
import { COMPUTE_METHODS, NodeDriver, type ComputeMethod, type Node } from '@cloudmux/core/compute';
import { DnsDriver, type DnsMethod, type DnsRecord, type Zone } from '@cloudmux/core/dns';
import { NotSupportedError } from '@cloudmux/core/errors';
import { LoadBalancerDriver, type LoadBalancerMethod } from '@cloudmux/core/loadbalancer';
import { StorageDriver, type Container, type CreateContainerOptions, type StorageMethod } from '@cloudmux/core/storage';

// The capability guard lives in core's one DriverBase: a driver class that leaves a portable method
// out of its `capabilities` answers NotSupportedError for it even when it implements the method.

const PROVIDER: ProviderDefinition = { id: 'acme', name: 'Acme Cloud', api: 'acme', regions: [] };

async function rejection(p: unknown): Promise<unknown> {
  expect(p).toBeInstanceOf(Promise);
  return (p as Promise<unknown>).then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
}

function expectNotSupported(err: unknown, method: string): void {
  expect(err).toBeInstanceOf(NotSupportedError);
  expect((err as NotSupportedError).method).toBe(method);
  expect((err as Error).message).toBe(`Acme Cloud does not support ${method}`);
}

class FullCompute extends NodeDriver {
  static override readonly provider = PROVIDER;
  static override readonly capabilities: Capabilities<ComputeMethod> = ['listNodes', 'getNode', 'rebootNode'];
  override async *iterateNodes(): AsyncIterable<Node> {}
  override async getNode(_id: string): Promise<Node> {
    throw new Error('implemented');
  }
  override async rebootNode(_node: string | Node): Promise<boolean> {
    return true;
  }
}
class NarrowCompute extends FullCompute {
  static override readonly capabilities: Capabilities<ComputeMethod> = ['getNode'];
}

describe('DriverBase: one base for the four APIs', () => {
  it('is the base of NodeDriver, StorageDriver, DnsDriver and LoadBalancerDriver, which keep their statics', () => {
    for (const Base of [NodeDriver, StorageDriver, DnsDriver, LoadBalancerDriver]) {
      expect(Object.getPrototypeOf(Base)).toBe(DriverBase);
      expect(Base.provider).toEqual({ id: 'base', name: 'Base', api: 'none', regions: [] });
      expect(Base.capabilities).toEqual([]);
    }
    expect(NodeDriver.bootScriptExKey).toBeUndefined();
  });

  it('gives providerId, supports() and notSupported() from the class statics', async () => {
    const d = new FullCompute();
    expect(d.providerId).toBe('acme');
    expect(d.supports('listNodes')).toBe(true);
    expect(d.supports('createNode')).toBe(false);
    expectNotSupported(await rejection(d.createNode({ size: 's', image: 'i' })), 'createNode');
  });
});

describe('capability guard', () => {
  it('refuses an implemented method the class does not declare (a rejected promise, not a sync throw)', async () => {
    const d = new NarrowCompute();
    expectNotSupported(await rejection(d.rebootNode('n-1')), 'rebootNode');
    await expect(d.getNode('n-1')).rejects.toThrow('implemented');
    await expect(new FullCompute().rebootNode('n-1')).resolves.toBe(true);
  });

  it('guards listX and its iterateX twin by the listX capability', async () => {
    const d = new NarrowCompute();
    expectNotSupported(await rejection(d.listNodes()), 'listNodes');
    const it = d.iterateNodes()[Symbol.asyncIterator]();
    expectNotSupported(await rejection(it.next()), 'listNodes');
    await expect(new FullCompute().listNodes()).resolves.toEqual([]);
  });

  it('guards composed methods (waitUntilRunning, deployNode, importKeyPairFromFile) by their own capability', async () => {
    const d = new NarrowCompute();
    expectNotSupported(await rejection(d.waitUntilRunning(['n-1'])), 'waitUntilRunning');
    expectNotSupported(await rejection(d.importKeyPairFromFile({ name: 'k', path: '/nonexistent' })), 'importKeyPairFromFile');
  });

  it('keeps the driver clean: no own properties, nothing in inspect, keys or JSON; instanceof and constructor hold', () => {
    const d = new NarrowCompute();
    expect(Object.getOwnPropertyNames(d)).toEqual([]);
    expect(inspect(d)).toBe('NarrowCompute {}');
    expect(JSON.stringify(d)).toBe('{}');
    expect(d).toBeInstanceOf(NarrowCompute);
    expect(d).toBeInstanceOf(NodeDriver);
    expect(d.constructor).toBe(NarrowCompute);
    const guards = Object.getPrototypeOf(d) as object;
    expect(Object.getPrototypeOf(guards)).toBe(NarrowCompute.prototype);
    expect(Object.getOwnPropertyDescriptor(guards, 'rebootNode')?.enumerable).toBe(false);
    // every portable method left out is guarded, with the iterate twins of list methods
    const left = COMPUTE_METHODS.filter((m) => m !== 'getNode');
    expect(Object.getOwnPropertyNames(guards).sort()).toEqual(
      [
        ...left,
        'iterateNodes',
        'iterateSizes',
        'iterateImages',
        'iterateLocations',
        'iterateVolumes',
        'iterateVolumeSnapshots',
        'iterateKeyPairs',
      ].sort(),
    );
  });

  it('leaves a class that declares every portable method untouched', () => {
    class All extends FullCompute {
      static override readonly capabilities: Capabilities<ComputeMethod> = COMPUTE_METHODS;
    }
    expect(Object.getPrototypeOf(new All())).toBe(All.prototype);
  });

  it('builds the guards once per class and shares them between instances; replaced capabilities are picked up', async () => {
    const a = new NarrowCompute();
    const b = new NarrowCompute();
    expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    class Mutable extends FullCompute {
      static override capabilities: Capabilities<ComputeMethod> = ['getNode'];
    }
    expectNotSupported(await rejection(new Mutable().rebootNode('n')), 'rebootNode');
    Mutable.capabilities = ['rebootNode'];
    await expect(new Mutable().rebootNode('n')).resolves.toBe(true);
  });

  it('names the provider the instance reports (an overridden notSupported is used)', async () => {
    class Preset extends NarrowCompute {
      protected override notSupported(method: string): never {
        throw new NotSupportedError('Preset Cloud', method);
      }
    }
    const err = await rejection(new Preset().rebootNode('n'));
    expect((err as Error).message).toBe('Preset Cloud does not support rebootNode');
  });

  it('guards storage drivers', async () => {
    class S extends StorageDriver {
      static override readonly provider = PROVIDER;
      static override readonly capabilities: Capabilities<StorageMethod> = ['getContainer'];
      override async *iterateContainers(): AsyncIterable<Container> {}
      override async createContainer({ name }: CreateContainerOptions): Promise<Container> {
        return { name } as Container;
      }
    }
    const s = new S();
    expectNotSupported(await rejection(s.createContainer({ name: 'c' })), 'createContainer');
    expectNotSupported(await rejection(s.listContainers()), 'listContainers');
    expectNotSupported(await rejection(s.iterateContainers()[Symbol.asyncIterator]().next()), 'listContainers');
    expectNotSupported(await rejection(s.iterateContainerObjects('c')[Symbol.asyncIterator]().next()), 'listContainerObjects');
  });

  it('guards DNS drivers: listRecordTypes throws synchronously, the BIND export is covered by exportZoneToBindFormat', async () => {
    class D extends DnsDriver {
      static override readonly provider = PROVIDER;
      static override readonly capabilities: Capabilities<DnsMethod> = ['listRecords', 'getZone'];
      override listRecordTypes(): never[] {
        return [];
      }
      override async *iterateRecords(): AsyncIterable<DnsRecord> {}
      override async getZone(id: string): Promise<Zone> {
        return { id } as Zone;
      }
    }
    const d = new D();
    let thrown: unknown;
    try {
      d.listRecordTypes();
    } catch (e) {
      thrown = e;
    }
    expectNotSupported(thrown, 'listRecordTypes');
    expectNotSupported(await rejection(d.exportZoneToBindFormat('z')), 'exportZoneToBindFormat');
    expectNotSupported(await rejection(d.exportZoneToBindZoneFile('z', { path: '/nonexistent/zone' })), 'exportZoneToBindFormat');
    await expect(d.listRecords('z')).resolves.toEqual([]);
  });

  it('guards load balancer drivers', async () => {
    class L extends LoadBalancerDriver {
      static override readonly provider = PROVIDER;
      static override readonly capabilities: Capabilities<LoadBalancerMethod> = ['listProtocols'];
      override async listProtocols(): Promise<string[]> {
        return ['http'];
      }
      override async listSupportedAlgorithms(): Promise<never[]> {
        return [];
      }
    }
    const l = new L();
    await expect(l.listProtocols()).resolves.toEqual(['http']);
    expectNotSupported(await rejection(l.listSupportedAlgorithms()), 'listSupportedAlgorithms');
    expectNotSupported(await rejection(l.iterateBalancers()[Symbol.asyncIterator]().next()), 'listBalancers');
  });
});
