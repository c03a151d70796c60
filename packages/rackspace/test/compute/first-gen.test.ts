import { DriverRegistry } from '@cloudmux/core';
import { NotSupportedError, UnknownProviderError } from '@cloudmux/core/errors';
import type { NodeDriverClass } from '@cloudmux/core/compute';
import {
  RACKSPACE_COMPUTE_PROVIDER_ID,
  RACKSPACE_FIRST_GEN_PROVIDER_ID,
  RACKSPACE_FIRST_GEN_RETIRED_MESSAGE,
  RackspaceNodeDriver,
} from '../../src/index.js';

// How the umbrella declares the retired first-generation id (computeRegistry.retire), on a private registry.
describe('rackspace_first_gen (retired first-generation Cloud Servers)', () => {
  it('is a NotSupportedError that says so and names Provider.RACKSPACE, not an unknown provider', () => {
    const registry = new DriverRegistry<NodeDriverClass>('compute');
    registry.set(RACKSPACE_COMPUTE_PROVIDER_ID, RackspaceNodeDriver as unknown as NodeDriverClass);
    registry.retire(RACKSPACE_FIRST_GEN_PROVIDER_ID, RACKSPACE_FIRST_GEN_RETIRED_MESSAGE);
    let err: unknown;
    try {
      registry.get('rackspace_first_gen');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NotSupportedError);
    expect(err).not.toBeInstanceOf(UnknownProviderError);
    const message = (err as Error).message;
    expect(message).toMatch(/retired first-generation Cloud Servers/);
    expect(message).toContain('Provider.RACKSPACE');
    expect(message).toContain("'rackspace'");
    expect(registry.get('rackspace')).toBe(RackspaceNodeDriver);
  });
});
