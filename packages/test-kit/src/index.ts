/**
 * `@cloudmux/test-kit`: the conformance suites every cloudmux driver runs from its
 * `test/conformance.test.ts`. Each suite takes a `setup()` that builds a fresh driver and checks,
 * for every portable method of its API, the real behaviour when the driver's `capabilities`
 * declare it and `NotSupportedError` when they do not.
 * @module
 */
export { describeComputeConformance } from './compute-conformance.js';
export { HOSTILE_IDS, type ComputeConformanceHooks } from './compute-hostile-ids.js';
export { UNKNOWN_EX_KEY } from './compute-ex-keys.js';
export { describeStorageConformance } from './storage-conformance.js';
export { describeDnsConformance } from './dns-conformance.js';
export { describeLoadBalancerConformance } from './lb-conformance.js';
export { describeSecretsCheck, defaultMalformedBody } from './secrets-check.js';
export { secretForms, harvestSignedValues, findLeaks, maskSecret, type SecretForm, type SecretsTarget } from './secrets-scan.js';
export type {
  ConformanceOptions,
  ConformanceSetup,
  ComputeConformanceOptions,
  StorageConformanceOptions,
  DnsConformanceOptions,
  LoadBalancerConformanceOptions,
  TestBalancerSettings,
  SecretsCheckOptions,
  SecretsCheckSetup,
  SecretsCheckServer,
} from './types.js';
