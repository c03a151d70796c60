/**
 * `@cloudmux/aws`: Amazon EC2 compute (with Eucalyptus and Nimbus presets), AWS Signature Version 4
 * (and 2), AWS credentials from the environment and `~/.aws`, and AWS error mapping.
 * @module
 */
export * from './signing/sigv4.js';
export { signRequestV2, computeSignatureV2, stringToSignV2, formatTimestampV2, type QueryPairs } from './signing/sigv2.js';
export * from './credentials/index.js';
export { mapAwsError, parseAwsErrorBody, classifyAwsErrorCode, AWS_ERROR_CODES, AWS_ERROR_PATTERNS, type AwsErrorBody, type AwsErrorKind } from './errors.js';
export { EC2NodeDriver, type Ec2DriverClass } from './ec2/driver.js';
export { EucalyptusNodeDriver, NimbusNodeDriver } from './ec2/presets.js';
export { EC2_PROVIDER, EUCALYPTUS_PROVIDER, NIMBUS_PROVIDER, EC2_PROVIDERS, EC2_API_VERSION, ec2DefaultsOf, type Ec2ProviderDefaults } from './ec2/providers.js';
export { AWS_REGIONS, findAwsRegion, ec2EndpointFor } from './ec2/regions.js';
export { EC2_CAPABILITIES, NIMBUS_CAPABILITIES, EC2_PRESET_CAPABILITIES } from './ec2/capabilities.js';
export { EC2_NODE_STATES, EC2_VOLUME_STATES, toNodeState, toVolumeState } from './ec2/state-map.js';
export { EC2_INSTANCE_TYPES, findInstanceType, type Ec2InstanceType } from './ec2/instance-types.js';
export { EC2_OPTION_NAMES, type Ec2DriverOptions, type Ec2Settings } from './ec2/options.js';
export { Ec2Client, type Ec2ClientOptions, type Ec2CallOptions } from './ec2/client.js';
export type { Ec2Params, Ec2Filters } from './ec2/params.js';
export type { Ec2ListNodesFilters, Ec2CreateNodeEx, Ec2CreateNodeOptions, Ec2BlockDeviceMapping } from './ec2/nodes.js';
export { keyPairNameFor } from './ec2/key-pairs.js';
export type { Ec2CreateVolumeEx, Ec2VolumeFilters } from './ec2/volumes.js';
export type { Ec2ImageQuery, Ec2CreateImageOptions, Ec2CopyImageOptions } from './ec2/images.js';
export type { Ec2SecurityGroupQuery, Ec2CreateSecurityGroupOptions } from './ec2/security-groups.js';
export type { Ec2AddressQuery, Ec2AddressRef } from './ec2/addresses.js';
export type { Ec2ResourceRef } from './ec2/tags.js';
export type * from './ec2/types.js';
