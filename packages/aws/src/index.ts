/**
 * `@cloudmux/aws`: Amazon EC2 compute (with Eucalyptus and Nimbus presets), signed with AWS Signature
 * Version 4 (or 2 for older EC2-compatible front ends), with AWS credentials from the environment and
 * `~/.aws`. The EC2 simulator is at `@cloudmux/aws/simulator`.
 *
 * Every export is listed by name: what is not here (the Query API client, signers, XML reader, error
 * mapping, key-pair naming) is internal and may change without notice.
 * @module
 */

// The driver, its preset classes and the provider data they are made from.
export { Ec2NodeDriver, EC2NodeDriver, type Ec2DriverClass } from './ec2/driver.js';
export { EucalyptusNodeDriver, NimbusNodeDriver } from './ec2/presets.js';
export {
  EC2_PROVIDER,
  EUCALYPTUS_PROVIDER,
  NIMBUS_PROVIDER,
  EC2_PROVIDERS,
  EC2_API_VERSION,
  type Ec2ProviderDefaults,
  type Ec2LaunchTags,
} from './ec2/providers.js';
export { AWS_REGIONS } from './ec2/regions.js';
export { EC2_CAPABILITIES } from './ec2/capabilities.js';
export { EC2_NODE_STATES, EC2_VOLUME_STATES, toNodeState, toVolumeState } from './ec2/state-map.js';
export { EC2_INSTANCE_TYPES, findInstanceType, type Ec2InstanceType } from './ec2/instance-types.js';

// Options, `ex` inputs and method option types.
export type { Ec2DriverOptions } from './ec2/options.js';
export type { Ec2Params, Ec2Filters } from './ec2/params.js';
export type { Ec2ListNodesEx, Ec2ListNodesFilters, Ec2CreateNodeEx, Ec2CreateNodeOptions, Ec2BlockDeviceMapping } from './ec2/nodes.js';
export type { Ec2CreateVolumeEx, Ec2VolumeFilters } from './ec2/volumes.js';
export type { Ec2ImageQuery, Ec2ListImagesEx, Ec2ListImagesOptions, Ec2CreateImageOptions, Ec2CopyImageOptions } from './ec2/images.js';
export type { Ec2SecurityGroupQuery, Ec2CreateSecurityGroupOptions } from './ec2/security-groups.js';
export type { Ec2AddressQuery, Ec2AddressRef } from './ec2/addresses.js';
export type { Ec2ResourceRef, Ec2TagsToDelete, Ec2AllTags } from './ec2/tags.js';

// Result `extra` types and EC2 resources returned by `ex*` methods.
export type {
  Ec2GroupRef,
  Ec2BlockDevice,
  Ec2NetworkInterface,
  Ec2NodeExtra,
  Ec2ImageExtra,
  Ec2LocationExtra,
  Ec2SizeExtra,
  Ec2VolumeAttachment,
  Ec2VolumeExtra,
  Ec2SnapshotExtra,
  Ec2KeyPairExtra,
  Ec2IpPermission,
  Ec2SecurityGroup,
  Ec2ElasticIp,
  Ec2Tag,
} from './ec2/types.js';

// Credentials: what `Ec2NodeDriver.fromEnv` reads, for callers that want it without a driver.
export type { AwsCredentials } from './signing/sigv4.js';
export { readAwsEnv, type AwsEnvConfig, type AwsCredentialSource } from './credentials/from-env.js';
export { loadAwsProfile, sharedFilePaths, type AwsProfile, type AwsSharedFiles, type Env } from './credentials/shared-files.js';
export * from './route53/index.js'; // Amazon Route 53 DNS (Route53DnsDriver, its provider, ex types)
export * from './s3/index.js'; // Amazon S3 and S3-compatible storage (S3StorageDriver, presets, ex types)
export * from './elb/index.js'; // Elastic Load Balancing (classic and v2) drivers, providers, ex types
