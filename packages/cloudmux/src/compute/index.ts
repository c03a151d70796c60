/**
 * Compute API of the umbrella package: `getDriver(Provider.JOYENT)` returns the driver class,
 * loading its package on first use only.
 * @module
 */
import { computeRegistry, type NodeDriverClass, type SetDriverOptions } from '@cloudmux/core/compute';
import type { DummyNodeDriver } from '@cloudmux/dummy';
import type { JoyentNodeDriver } from '@cloudmux/joyent';
import type { EC2NodeDriver, EucalyptusNodeDriver, NimbusNodeDriver } from '@cloudmux/aws';
import { registerBundled } from '../register.js';

export * from '@cloudmux/core/compute';

/** Ids of the bundled compute providers. */
export const Provider = {
  DUMMY: 'dummy',
  JOYENT: 'joyent',
  EC2: 'ec2',
  EUCALYPTUS: 'eucalyptus',
  NIMBUS: 'nimbus',
} as const;
/** One of the bundled compute provider ids. */
export type Provider = (typeof Provider)[keyof typeof Provider];

/** Driver class type per bundled compute provider id. */
export interface ComputeDrivers {
  dummy: typeof DummyNodeDriver;
  joyent: typeof JoyentNodeDriver;
  ec2: typeof EC2NodeDriver;
  eucalyptus: typeof EucalyptusNodeDriver;
  nimbus: typeof NimbusNodeDriver;
}

registerBundled(computeRegistry, {
  dummy: ['@cloudmux/dummy', 'DummyNodeDriver'],
  joyent: ['@cloudmux/joyent', 'JoyentNodeDriver'],
  ec2: ['@cloudmux/aws', 'EC2NodeDriver'],
  eucalyptus: ['@cloudmux/aws', 'EucalyptusNodeDriver'],
  nimbus: ['@cloudmux/aws', 'NimbusNodeDriver'],
});

/** Returns the compute driver class for a provider id, loading its package on first use. */
export function getDriver<P extends keyof ComputeDrivers>(provider: P): ComputeDrivers[P];
/** Returns the compute driver class registered (possibly at runtime) under `provider`. */
export function getDriver(provider: string): NodeDriverClass;
export function getDriver(provider: string): NodeDriverClass {
  return computeRegistry.get(provider);
}

/** Registers a third-party compute driver: a class, or a module specifier and export name. */
export function setDriver(provider: string, driver: NodeDriverClass | string, exportName?: string, options?: SetDriverOptions): void {
  computeRegistry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
}
