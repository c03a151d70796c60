/**
 * `@cloudmux/openstack`: the OpenStack compute driver (Keystone v3/v2.0, Nova v2.1 with microversions,
 * Glance v2, Cinder v3, Neutron v2.0) and its building blocks. The simulator is at `@cloudmux/openstack/simulator`.
 * @module
 */

// --- Compute driver, Nova and Glance (helper CO) ---
export { OpenStackNodeDriver } from './compute/driver.js';
export { OPENSTACK_PROVIDER, type OpenStackProviderDefaults } from './compute/provider.js';
export { OPENSTACK_CAPABILITIES } from './compute/capabilities.js';
export {
  OPENSTACK_DRIVER_OPTIONS,
  FROM_ENV_OPTIONS,
  type OpenStackDriverOptions,
  type OpenStackFromEnvOptions,
  type OpenStackSettings,
} from './compute/options.js';
export type { OpenStackContext } from './compute/context.js';
export { NovaClient, type NovaClientOptions } from './compute/nova-client.js';
export {
  CLIENT_MAX_MICROVERSION,
  CLIENT_MIN_MICROVERSION,
  negotiateMicroversion,
  parseMicroversion,
  compareMicroversions,
  formatMicroversion,
  microversionAtLeast,
  type Microversion,
} from './compute/microversion.js';
export { NOVA_STATUS_STATES, NOVA_TASK_STATES, toNodeState } from './compute/state-map.js';
export { toNode, isPrivateAddress, serverAddresses } from './compute/to-node.js';
export { toSize, toLocation, toKeyPair } from './compute/to-resources.js';
export type {
  OpenStackAddress,
  OpenStackNodeExtra,
  OpenStackSizeExtra,
  OpenStackLocationExtra,
  OpenStackKeyPairExtra,
  OpenStackNetworkSpec,
  OpenStackBootVolume,
  OpenStackCreateNodeEx,
  OpenStackCreateNodeOptions,
  OpenStackListNodesEx,
  OpenStackListNodesOptions,
  RebuildNodeOptions,
  CreateImageOptions,
  ConsoleOutputOptions,
} from './compute/types.js';
export type { NovaServer, NovaFlavor, NovaKeyPair, NovaAvailabilityZone, NovaAddress, NovaLink } from './compute/wire.js';
export { toImage, type OpenStackImageExtra } from './image/to-image.js';
export type { OpenStackImageFilters, OpenStackListImagesOptions, UpdateImageOptions, ImageContext } from './image/images.js';
export type { GlanceImage, GlanceImagePage } from './image/wire.js';

// --- Identity, shared plumbing and configuration (helper ID) ---
export {
  IdentitySession,
  selectEndpoint,
  canonicalServiceType,
  serviceTypeCandidates,
  type IdentitySessionOptions,
  type SessionConnectionOptions,
  type DiscoveryResult,
  type AccessInfo,
  type CatalogEndpoint,
  type CatalogService,
  type CustomCredentials,
  type DiscoveredVersion,
  type EndpointInterface,
  type IdentityCredentials,
  type IdentityScope,
  type ServiceEndpoint,
  type ServiceSelector,
  type V2PasswordCredentials,
  type V2TokenCredentials,
  type V3ApplicationCredentials,
  type V3PasswordCredentials,
  type V3TokenCredentials,
} from './identity/index.js';
export {
  ServiceClient,
  mapOpenStackError,
  parseOpenStackError,
  iteratePages,
  nextLink,
  type OpenStackErrorDetails,
  type ServiceClientOptions,
  type Page,
} from './common/index.js';
export {
  resolveOpenStackConfig,
  sessionOptionsFromConfig,
  AUTH_TYPES,
  type OpenStackAuthType,
  type OpenStackConfig,
  type ResolveOpenStackConfigOptions,
} from './config/index.js';

// --- Cinder volumes and Neutron networking (helper VN) ---
export {
  CINDER_VOLUME_STATES,
  CINDER_BUSY_STATUSES,
  CINDER_SNAPSHOT_STATES,
  SnapshotState,
  toVolumeState,
  toSnapshotState,
  toVolume,
  toSnapshot,
  type VolumeContext,
  type OpenStackListVolumesOptions,
  type WaitForVolumeOptions,
  type OpenStackCreateVolumeSnapshotOptions,
  type OpenStackDetachVolumeOptions,
  type OpenStackVolumeExtra,
  type OpenStackSnapshotExtra,
  type OpenStackVolumeAttachment,
  type OpenStackCreateVolumeEx,
  type OpenStackCreateVolumeSnapshotEx,
} from './volume/index.js';
export {
  toNetwork,
  toSubnet,
  toPort,
  toFloatingIp,
  toSecurityGroup,
  toSecurityGroupRule,
  type NetworkContext,
  type NeutronListOptions,
  type ListNetworksOptions,
  type ListSubnetsOptions,
  type ListPortsOptions,
  type ListFloatingIpsOptions,
  type AllocateFloatingIpOptions,
  type AssociateFloatingIpOptions,
  type FloatingIpRef,
  type ListSecurityGroupsOptions,
  type CreateSecurityGroupOptions,
  type SecurityGroupRuleSpec,
  type OpenStackNetwork,
  type OpenStackSubnet,
  type OpenStackAllocationPool,
  type OpenStackPort,
  type OpenStackFixedIp,
  type OpenStackFloatingIp,
  type OpenStackSecurityGroup,
  type OpenStackSecurityGroupRule,
  type SecurityGroupRuleDirection,
  type SecurityGroupRuleEthertype,
} from './network/index.js';

// --- Swift (helper SW) ---
export { OpenStackSwiftStorageDriver } from './swift/driver.js';
export { OPENSTACK_SWIFT_PROVIDER } from './swift/provider.js';
export { OPENSTACK_SWIFT_CAPABILITIES } from './swift/capabilities.js';
export { SWIFT_DRIVER_OPTIONS, type OpenStackSwiftDriverOptions, type SwiftAuthVersion } from './swift/options.js';
export { TempAuth, KeystoneSwiftAuth, type SwiftAuth, type SwiftCredentials } from './swift/auth.js';
export { mapSwiftError } from './swift/errors.js';
export { segmentContainerOf } from './swift/upload.js';
export {
  encodeSegment as encodeSwiftPathSegment,
  encodeObjectPath as encodeSwiftObjectPath,
  checkContainerName as checkSwiftContainerName,
  checkObjectName as checkSwiftObjectName,
} from './swift/names.js';
export { tempUrlSignature, infoUrlOf, type TempUrlDigest } from './swift/temp-url.js';
export type { SwiftObjectExtra, SwiftContainerExtra } from './swift/to-object.js';
