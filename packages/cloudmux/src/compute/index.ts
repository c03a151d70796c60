/**
 * Compute API of the umbrella package: `getDriver(Provider.JOYENT)` returns the driver class,
 * loading its package on first use only.
 * @module
 */
import { computeRegistry, type NodeDriverClass } from '@cloudmux/core/compute';
import { registryFunctions, type GetDriver, type SetDriver } from '@cloudmux/core';
import type { DummyNodeDriver } from '@cloudmux/dummy';
import type { JoyentNodeDriver } from '@cloudmux/joyent';
import type { Ec2NodeDriver, EucalyptusNodeDriver, NimbusNodeDriver } from '@cloudmux/aws';
import type { OpenStackNodeDriver } from '@cloudmux/openstack';
import type { RackspaceNodeDriver } from '@cloudmux/rackspace';
import { registerBundled } from '../register.js';

export * from '@cloudmux/core/compute';

/** Ids of the bundled compute providers. */
export const Provider = {
  DUMMY: 'dummy',
  JOYENT: 'joyent',
  EC2: 'ec2',
  EUCALYPTUS: 'eucalyptus',
  NIMBUS: 'nimbus',
  OPENSTACK: 'openstack',
  RACKSPACE: 'rackspace',
  /** Retired by Rackspace: `getDriver` throws `NotSupportedError` naming `RACKSPACE`. */
  RACKSPACE_FIRST_GEN: 'rackspace_first_gen',
} as const;
/** One of the bundled compute provider ids. */
export type Provider = (typeof Provider)[keyof typeof Provider];

/** Driver class type per bundled compute provider id. */
export interface ComputeDrivers {
  dummy: typeof DummyNodeDriver;
  joyent: typeof JoyentNodeDriver;
  ec2: typeof Ec2NodeDriver;
  eucalyptus: typeof EucalyptusNodeDriver;
  nimbus: typeof NimbusNodeDriver;
  openstack: typeof OpenStackNodeDriver;
  rackspace: typeof RackspaceNodeDriver;
  /** Retired by Rackspace: `getDriver` throws `NotSupportedError` naming `Provider.RACKSPACE`. */
  rackspace_first_gen: never;
}

registerBundled(computeRegistry, {
  dummy: ['@cloudmux/dummy', 'DummyNodeDriver'],
  joyent: ['@cloudmux/joyent', 'JoyentNodeDriver'],
  ec2: ['@cloudmux/aws', 'Ec2NodeDriver'],
  eucalyptus: ['@cloudmux/aws', 'EucalyptusNodeDriver'],
  nimbus: ['@cloudmux/aws', 'NimbusNodeDriver'],
  openstack: ['@cloudmux/openstack', 'OpenStackNodeDriver'],
  rackspace: ['@cloudmux/rackspace', 'RackspaceNodeDriver'],
});

// A literal message (the same as RACKSPACE_FIRST_GEN_RETIRED_MESSAGE), so importing the umbrella loads no provider code.
if (!computeRegistry.has('rackspace_first_gen') && !computeRegistry.retiredIds().includes('rackspace_first_gen'))
  computeRegistry.retire(
    'rackspace_first_gen',
    "Rackspace retired first-generation Cloud Servers (API v1.0); use Provider.RACKSPACE ('rackspace'): next-generation Cloud Servers, RackspaceNodeDriver from @cloudmux/rackspace",
  );

const functions = registryFunctions<NodeDriverClass, ComputeDrivers>(computeRegistry);

/** Returns the compute driver class for a provider id (typed for the bundled ids), loading its package on first use. */
export const getDriver: GetDriver<NodeDriverClass, ComputeDrivers> = functions.getDriver;

/** Registers a third-party compute driver: a class, or a module specifier and export name (Libcloud's `set_driver`). */
export const setDriver: SetDriver<NodeDriverClass> = functions.setDriver;
