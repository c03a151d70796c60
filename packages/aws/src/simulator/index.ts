/**
 * `@cloudmux/aws/simulator`: a stateful Amazon EC2 Query API simulator that verifies AWS Signature
 * Version 4 (and, on request, Signature Version 2), for tests, examples and benchmarks.
 *
 * ```ts
 * const sim = await Ec2Simulator.start({ pendingDelayMs: 50 });
 * const driver = new Ec2NodeDriver(DEFAULT_CREDENTIALS.accessKeyId, DEFAULT_CREDENTIALS.secretAccessKey, { endpoint: sim.url });
 * sim.seedInstances(2500);                                                   // pagination data
 * sim.injectActionFault({ action: 'RunInstances', kind: 'reset-after-handling' }); // lose one response
 * await sim.close();
 * ```
 * Standalone: `node packages/aws/dist/simulator/cli.js --help`.
 * @module
 */
export { Ec2Simulator, EC2_API_VERSION, type Ec2ActionFault, type Ec2CallLogEntry } from './ec2-simulator.js';
export { DEFAULT_CREDENTIALS, type Ec2SimulatorCredentials, type Ec2SimulatorOptions } from './options.js';
export type { Ec2SeedTemplate } from './seed.js';
export {
  DEFAULT_IMAGES,
  DEFAULT_INSTANCE_TYPES,
  KNOWN_REGIONS,
  type Ec2ImageDefinition,
  type InstanceTypeSpec,
  type RegionInfo,
} from './catalog.js';
export { EC2_CONTENT_TYPE, Ec2Error, ec2ErrorBody, ec2ErrorReply } from './errors.js';
export type { Ec2State } from './state.js';
export type * from './model.js';
export { INSTANCE_STATE_CODES } from './model.js';
export { verifySigV4, type AuthResult, type AuthSettings } from './auth.js';
export { verifySigV2 } from './auth-v2.js';
export { Route53Simulator, type Route53SimulatorOptions, type Route53OperationFault } from './route53/route53-simulator.js';
export * from './s3/index.js'; // Amazon S3 REST simulator (S3Simulator, DEFAULT_S3_CREDENTIALS)
export * from './elb/index.js'; // Elastic Load Balancing Query API simulator (classic and v2)
