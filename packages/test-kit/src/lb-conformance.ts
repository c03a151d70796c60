import { describe, expect, it } from '@jest/globals';
import {
  LOADBALANCER_METHODS,
  LoadBalancer,
  Member,
  type LoadBalancerDriver,
  type LoadBalancerDriverClass,
  type LoadBalancerMethod,
} from '@cloudmux/core/loadbalancer';
import { budget, expectNotSupported, first, timingOf, useFreshDriver } from './harness.js';
import { defaultSettings, LB_CHECKS, standInNode, type LbContext } from './lb-checks.js';
import type { LoadBalancerConformanceOptions } from './types.js';

function fakeBalancer(d: LoadBalancerDriver): LoadBalancer {
  return new LoadBalancer({ id: 'cloudmux-balancer', name: 'cloudmux-balancer', state: 'running', ip: undefined, port: 80 }, d);
}

/** Harmless calls of each method, to check that unsupported ones throw `NotSupportedError`. */
const CALLS: Readonly<Record<LoadBalancerMethod, readonly ((d: LoadBalancerDriver) => unknown)[]>> = {
  listProtocols: [(d) => d.listProtocols()],
  listSupportedAlgorithms: [(d) => d.listSupportedAlgorithms()],
  listBalancers: [(d) => d.listBalancers(), (d) => first(d.iterateBalancers())],
  getBalancer: [(d) => d.getBalancer('cloudmux-balancer')],
  createBalancer: [(d) => d.createBalancer({ name: 'cloudmux-balancer', port: 80, protocol: 'http' })],
  destroyBalancer: [(d) => d.destroyBalancer('cloudmux-balancer')],
  updateBalancer: [(d) => d.updateBalancer('cloudmux-balancer', { name: 'cloudmux-renamed' })],
  balancerAttachMember: [(d) => d.balancerAttachMember(fakeBalancer(d), { ip: '192.0.2.1', port: 80 })],
  balancerAttachComputeNode: [(d) => d.balancerAttachComputeNode(fakeBalancer(d), { node: standInNode() })],
  balancerDetachMember: [
    (d) => d.balancerDetachMember(fakeBalancer(d), { member: new Member({ id: 'cloudmux-member', ip: '192.0.2.1', port: 80 }) }),
  ],
  balancerListMembers: [(d) => d.balancerListMembers(fakeBalancer(d))],
};

/**
 * Registers the load balancer conformance suite: for every portable method
 * (`LOADBALANCER_METHODS`), a test of its behaviour when the driver's `capabilities` list it,
 * and of `NotSupportedError` when they do not. Each test gets a fresh driver; balancers it
 * creates are destroyed.
 */
export function describeLoadBalancerConformance<D extends LoadBalancerDriver>(options: LoadBalancerConformanceOptions<D>): void {
  const timing = timingOf(options);
  describe(`load balancer conformance: ${options.name}`, () => {
    const driver = useFreshDriver(options);

    it('declares a provider and known, unique capabilities', () => {
      const cls = driver().constructor as unknown as LoadBalancerDriverClass;
      expect(typeof cls.provider.id).toBe('string');
      expect(cls.provider.id.length).toBeGreaterThan(0);
      expect(new Set(cls.capabilities).size).toBe(cls.capabilities.length);
      for (const m of cls.capabilities) expect(LOADBALANCER_METHODS).toContain(m);
    });

    for (const method of LOADBALANCER_METHODS) {
      it(
        `${method}: behaves as declared in capabilities`,
        async () => {
          const d = driver();
          if (!d.supports(method)) {
            for (const call of CALLS[method]) await expectNotSupported(method, () => call(d));
            return;
          }
          const ctx: LbContext = {
            driver: d,
            timing,
            settings: () => (options.balancerSettings ? options.balancerSettings(d) : defaultSettings(d)),
            computeNode: () => (options.computeNode ? options.computeNode(d) : Promise.resolve(standInNode())),
            cleanup: [],
          };
          try {
            await LB_CHECKS[method](ctx);
          } finally {
            for (const fn of ctx.cleanup.reverse()) await fn().catch(() => undefined);
          }
        },
        budget(timing, 3),
      );
    }
  });
}
