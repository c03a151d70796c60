/**
 * Type tests: they pin the public signatures of the portable methods of the four base drivers and of
 * key options types (docs/api-conventions.md). `tsc -p tsconfig.test.json` (run by `npm test`) fails
 * when one of them changes by accident; change them here on purpose, with a CHANGES.md line.
 * At run time `expectTypeOf` does nothing: the jest test below only makes the file a valid suite.
 */
import type { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { expectTypeOf } from 'expect-type';
import type { CallOptions } from '@cloudmux/core';
import type {
  AttachVolumeOptions,
  CreateKeyPairOptions,
  CreateNodeOptions,
  CreateVolumeOptions,
  CreateVolumeSnapshotOptions,
  DeployNodeOptions,
  DeployNodeResult,
  ImportKeyPairFromFileOptions,
  ImportKeyPairOptions,
  KeyPair,
  ListImagesOptions,
  ListNodesOptions,
  ListSizesOptions,
  ListVolumeSnapshotsOptions,
  Node,
  NodeDriver,
  NodeImage,
  NodeLocation,
  NodeSize,
  Ref,
  RunningNode,
  StorageVolume,
  VolumeSnapshot,
  WaitUntilRunningOptions,
} from '@cloudmux/core/compute';
import type {
  CreateRecordOptions,
  CreateZoneOptions,
  DnsDriver,
  DnsRecord,
  ExportZoneToBindZoneFileOptions,
  GetRecordOptions,
  RecordType,
  UpdateRecordOptions,
  UpdateZoneOptions,
  Zone,
  ZoneRef,
} from '@cloudmux/core/dns';
import type {
  Algorithm,
  BalancerAttachComputeNodeOptions,
  BalancerAttachMemberOptions,
  BalancerDetachMemberOptions,
  BalancerRef,
  CreateBalancerOptions,
  LoadBalancer,
  LoadBalancerDriver,
  Member,
  UpdateBalancerOptions,
} from '@cloudmux/core/loadbalancer';
import type {
  Container,
  ContainerRef,
  CreateContainerOptions,
  DownloadObjectAsStreamOptions,
  DownloadObjectOptions,
  GetObjectOptions,
  ListContainerObjectsOptions,
  StorageDriver,
  StorageObject,
  UploadObjectOptions,
  UploadObjectViaStreamOptions,
  UploadObjectFromFileOptions,
  UploadObjectFromDataOptions,
  CopyObjectOptions,
  UpdateObjectMetadataOptions,
  GetObjectTempUrlOptions,
  ListContainerPrefixesOptions,
  ObjectPrefix,
} from '@cloudmux/core/storage';

describe('public API types', () => {
  it('are pinned at compile time (tsconfig.test.json)', () => {
    expect(typeof expectTypeOf).toBe('function');
  });
});

// ---- compute -------------------------------------------------------------------------------------
expectTypeOf<NodeDriver['listNodes']>().toEqualTypeOf<(options?: ListNodesOptions) => Promise<Node[]>>();
expectTypeOf<NodeDriver['iterateNodes']>().toEqualTypeOf<(options?: ListNodesOptions) => AsyncIterable<Node>>();
expectTypeOf<NodeDriver['getNode']>().toEqualTypeOf<(id: string, options?: CallOptions) => Promise<Node>>();
expectTypeOf<NodeDriver['createNode']>().toEqualTypeOf<(options: CreateNodeOptions) => Promise<Node>>();
expectTypeOf<NodeDriver['rebootNode']>().toEqualTypeOf<(node: Ref<Node>, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<NodeDriver['destroyNode']>().toEqualTypeOf<(node: Ref<Node>, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<NodeDriver['startNode']>().toEqualTypeOf<(node: Ref<Node>, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<NodeDriver['stopNode']>().toEqualTypeOf<(node: Ref<Node>, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<NodeDriver['listSizes']>().toEqualTypeOf<(options?: ListSizesOptions) => Promise<NodeSize[]>>();
expectTypeOf<NodeDriver['iterateSizes']>().toEqualTypeOf<(options?: ListSizesOptions) => AsyncIterable<NodeSize>>();
expectTypeOf<NodeDriver['listImages']>().toEqualTypeOf<(options?: ListImagesOptions) => Promise<NodeImage[]>>();
expectTypeOf<NodeDriver['iterateImages']>().toEqualTypeOf<(options?: ListImagesOptions) => AsyncIterable<NodeImage>>();
expectTypeOf<NodeDriver['getImage']>().toEqualTypeOf<(id: string, options?: CallOptions) => Promise<NodeImage>>();
expectTypeOf<NodeDriver['listLocations']>().toEqualTypeOf<(options?: CallOptions) => Promise<NodeLocation[]>>();
expectTypeOf<NodeDriver['iterateLocations']>().toEqualTypeOf<(options?: CallOptions) => AsyncIterable<NodeLocation>>();
expectTypeOf<NodeDriver['waitUntilRunning']>().toEqualTypeOf<
  (nodes: readonly Ref<Node>[], options?: WaitUntilRunningOptions) => Promise<RunningNode[]>
>();
expectTypeOf<NodeDriver['deployNode']>().toEqualTypeOf<(options: DeployNodeOptions) => Promise<DeployNodeResult>>();
expectTypeOf<NodeDriver['listVolumes']>().toEqualTypeOf<(options?: CallOptions) => Promise<StorageVolume[]>>();
expectTypeOf<NodeDriver['iterateVolumes']>().toEqualTypeOf<(options?: CallOptions) => AsyncIterable<StorageVolume>>();
expectTypeOf<NodeDriver['createVolume']>().toEqualTypeOf<(options: CreateVolumeOptions) => Promise<StorageVolume>>();
expectTypeOf<NodeDriver['attachVolume']>().toEqualTypeOf<(volume: Ref<StorageVolume>, options: AttachVolumeOptions) => Promise<boolean>>();
expectTypeOf<NodeDriver['detachVolume']>().toEqualTypeOf<(volume: Ref<StorageVolume>, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<NodeDriver['destroyVolume']>().toEqualTypeOf<(volume: Ref<StorageVolume>, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<NodeDriver['listVolumeSnapshots']>().toEqualTypeOf<(options?: ListVolumeSnapshotsOptions) => Promise<VolumeSnapshot[]>>();
expectTypeOf<NodeDriver['iterateVolumeSnapshots']>().toEqualTypeOf<
  (options?: ListVolumeSnapshotsOptions) => AsyncIterable<VolumeSnapshot>
>();
expectTypeOf<NodeDriver['createVolumeSnapshot']>().toEqualTypeOf<
  (volume: Ref<StorageVolume>, options?: CreateVolumeSnapshotOptions) => Promise<VolumeSnapshot>
>();
expectTypeOf<NodeDriver['destroyVolumeSnapshot']>().toEqualTypeOf<
  (snapshot: Ref<VolumeSnapshot>, options?: CallOptions) => Promise<boolean>
>();
expectTypeOf<NodeDriver['listKeyPairs']>().toEqualTypeOf<(options?: CallOptions) => Promise<KeyPair[]>>();
expectTypeOf<NodeDriver['iterateKeyPairs']>().toEqualTypeOf<(options?: CallOptions) => AsyncIterable<KeyPair>>();
expectTypeOf<NodeDriver['getKeyPair']>().toEqualTypeOf<(name: string, options?: CallOptions) => Promise<KeyPair>>();
expectTypeOf<NodeDriver['createKeyPair']>().toEqualTypeOf<(options: CreateKeyPairOptions) => Promise<KeyPair>>();
expectTypeOf<NodeDriver['importKeyPairFromString']>().toEqualTypeOf<(options: ImportKeyPairOptions) => Promise<KeyPair>>();
expectTypeOf<NodeDriver['importKeyPairFromFile']>().toEqualTypeOf<(options: ImportKeyPairFromFileOptions) => Promise<KeyPair>>();
expectTypeOf<NodeDriver['deleteKeyPair']>().toEqualTypeOf<(keyPair: KeyPair | string, options?: CallOptions) => Promise<boolean>>();

// ---- storage -------------------------------------------------------------------------------------
expectTypeOf<StorageDriver['listContainers']>().toEqualTypeOf<(options?: CallOptions) => Promise<Container[]>>();
expectTypeOf<StorageDriver['iterateContainers']>().toEqualTypeOf<(options?: CallOptions) => AsyncIterable<Container>>();
expectTypeOf<StorageDriver['getContainer']>().toEqualTypeOf<(name: string, options?: CallOptions) => Promise<Container>>();
expectTypeOf<StorageDriver['createContainer']>().toEqualTypeOf<(options: CreateContainerOptions) => Promise<Container>>();
expectTypeOf<StorageDriver['deleteContainer']>().toEqualTypeOf<(container: ContainerRef, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<StorageDriver['listContainerObjects']>().toEqualTypeOf<
  (container: ContainerRef, options?: ListContainerObjectsOptions) => Promise<StorageObject[]>
>();
expectTypeOf<StorageDriver['iterateContainerObjects']>().toEqualTypeOf<
  (container: ContainerRef, options?: ListContainerObjectsOptions) => AsyncIterable<StorageObject>
>();
expectTypeOf<StorageDriver['getObject']>().toEqualTypeOf<(container: ContainerRef, options: GetObjectOptions) => Promise<StorageObject>>();
expectTypeOf<StorageDriver['uploadObject']>().toEqualTypeOf<
  (container: ContainerRef, options: UploadObjectOptions) => Promise<StorageObject>
>();
expectTypeOf<StorageDriver['uploadObjectViaStream']>().toEqualTypeOf<
  (container: ContainerRef, options: UploadObjectViaStreamOptions) => Promise<StorageObject>
>();
expectTypeOf<StorageDriver['downloadObject']>().toEqualTypeOf<
  (object: StorageObject, options: DownloadObjectOptions) => Promise<boolean>
>();
expectTypeOf<StorageDriver['downloadObjectAsStream']>().toEqualTypeOf<
  (object: StorageObject, options?: DownloadObjectAsStreamOptions) => Promise<Readable>
>();
expectTypeOf<StorageDriver['deleteObject']>().toEqualTypeOf<(object: StorageObject, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<StorageDriver['enableContainerCdn']>().toEqualTypeOf<(container: ContainerRef, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<StorageDriver['getContainerCdnUrl']>().toEqualTypeOf<(container: ContainerRef, options?: CallOptions) => Promise<string>>();
expectTypeOf<StorageDriver['enableObjectCdn']>().toEqualTypeOf<(object: StorageObject, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<StorageDriver['getObjectCdnUrl']>().toEqualTypeOf<(object: StorageObject, options?: CallOptions) => Promise<string>>();

// ---- DNS -----------------------------------------------------------------------------------------
expectTypeOf<DnsDriver['listRecordTypes']>().toEqualTypeOf<() => RecordType[]>();
expectTypeOf<DnsDriver['listZones']>().toEqualTypeOf<(options?: CallOptions) => Promise<Zone[]>>();
expectTypeOf<DnsDriver['iterateZones']>().toEqualTypeOf<(options?: CallOptions) => AsyncIterable<Zone>>();
expectTypeOf<DnsDriver['getZone']>().toEqualTypeOf<(id: string, options?: CallOptions) => Promise<Zone>>();
expectTypeOf<DnsDriver['createZone']>().toEqualTypeOf<(options: CreateZoneOptions) => Promise<Zone>>();
expectTypeOf<DnsDriver['updateZone']>().toEqualTypeOf<(zone: ZoneRef, options: UpdateZoneOptions) => Promise<Zone>>();
expectTypeOf<DnsDriver['deleteZone']>().toEqualTypeOf<(zone: ZoneRef, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<DnsDriver['listRecords']>().toEqualTypeOf<(zone: ZoneRef, options?: CallOptions) => Promise<DnsRecord[]>>();
expectTypeOf<DnsDriver['iterateRecords']>().toEqualTypeOf<(zone: ZoneRef, options?: CallOptions) => AsyncIterable<DnsRecord>>();
expectTypeOf<DnsDriver['getRecord']>().toEqualTypeOf<(zone: ZoneRef, options: GetRecordOptions) => Promise<DnsRecord>>();
expectTypeOf<DnsDriver['createRecord']>().toEqualTypeOf<(zone: ZoneRef, options: CreateRecordOptions) => Promise<DnsRecord>>();
expectTypeOf<DnsDriver['updateRecord']>().toEqualTypeOf<(record: DnsRecord, options: UpdateRecordOptions) => Promise<DnsRecord>>();
expectTypeOf<DnsDriver['deleteRecord']>().toEqualTypeOf<(record: DnsRecord, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<DnsDriver['exportZoneToBindFormat']>().toEqualTypeOf<(zone: ZoneRef, options?: CallOptions) => Promise<string>>();
expectTypeOf<DnsDriver['exportZoneToBindZoneFile']>().toEqualTypeOf<
  (zone: ZoneRef, options: ExportZoneToBindZoneFileOptions) => Promise<void>
>();

// ---- load balancer -------------------------------------------------------------------------------
expectTypeOf<LoadBalancerDriver['listProtocols']>().toEqualTypeOf<(options?: CallOptions) => Promise<string[]>>();
expectTypeOf<LoadBalancerDriver['listSupportedAlgorithms']>().toEqualTypeOf<(options?: CallOptions) => Promise<Algorithm[]>>();
expectTypeOf<LoadBalancerDriver['listBalancers']>().toEqualTypeOf<(options?: CallOptions) => Promise<LoadBalancer[]>>();
expectTypeOf<LoadBalancerDriver['iterateBalancers']>().toEqualTypeOf<(options?: CallOptions) => AsyncIterable<LoadBalancer>>();
expectTypeOf<LoadBalancerDriver['getBalancer']>().toEqualTypeOf<(id: string, options?: CallOptions) => Promise<LoadBalancer>>();
expectTypeOf<LoadBalancerDriver['createBalancer']>().toEqualTypeOf<(options: CreateBalancerOptions) => Promise<LoadBalancer>>();
expectTypeOf<LoadBalancerDriver['destroyBalancer']>().toEqualTypeOf<(balancer: BalancerRef, options?: CallOptions) => Promise<boolean>>();
expectTypeOf<LoadBalancerDriver['updateBalancer']>().toEqualTypeOf<
  (balancer: BalancerRef, options: UpdateBalancerOptions) => Promise<LoadBalancer>
>();
expectTypeOf<LoadBalancerDriver['balancerAttachMember']>().toEqualTypeOf<
  (balancer: BalancerRef, options: BalancerAttachMemberOptions) => Promise<Member>
>();
expectTypeOf<LoadBalancerDriver['balancerAttachComputeNode']>().toEqualTypeOf<
  (balancer: BalancerRef, options: BalancerAttachComputeNodeOptions) => Promise<Member>
>();
expectTypeOf<LoadBalancerDriver['balancerDetachMember']>().toEqualTypeOf<
  (balancer: BalancerRef, options: BalancerDetachMemberOptions) => Promise<boolean>
>();
expectTypeOf<LoadBalancerDriver['balancerListMembers']>().toEqualTypeOf<
  (balancer: BalancerRef, options?: CallOptions) => Promise<Member[]>
>();

// ---- key options types ---------------------------------------------------------------------------
// Every options type extends CallOptions, so `signal` is accepted everywhere.
expectTypeOf<GetObjectOptions>().toExtend<CallOptions>();
expectTypeOf<UploadObjectViaStreamOptions>().toExtend<CallOptions>();
expectTypeOf<GetRecordOptions>().toExtend<CallOptions>();
expectTypeOf<BalancerAttachComputeNodeOptions>().toExtend<CallOptions>();
expectTypeOf<CreateKeyPairOptions>().toExtend<CallOptions>();
expectTypeOf<AttachVolumeOptions>().toExtend<CallOptions>();
// Required inputs live in the options object.
expectTypeOf<CreateContainerOptions['name']>().toEqualTypeOf<string>();
expectTypeOf<GetObjectOptions['name']>().toEqualTypeOf<string>();
expectTypeOf<UploadObjectOptions['name']>().toEqualTypeOf<string>();
expectTypeOf<UploadObjectFromFileOptions['filePath']>().toEqualTypeOf<string>();
expectTypeOf<UploadObjectFromDataOptions['data']>().toEqualTypeOf<Uint8Array | string>();
expectTypeOf<StorageDriver['copyObject']>().toEqualTypeOf<(object: StorageObject, options: CopyObjectOptions) => Promise<StorageObject>>();
expectTypeOf<StorageDriver['updateObjectMetadata']>().toEqualTypeOf<
  (object: StorageObject, options: UpdateObjectMetadataOptions) => Promise<StorageObject>
>();
expectTypeOf<StorageDriver['getObjectTempUrl']>().toEqualTypeOf<
  (container: ContainerRef, options: GetObjectTempUrlOptions) => Promise<string>
>();
expectTypeOf<StorageDriver['listContainerPrefixes']>().toEqualTypeOf<
  (container: ContainerRef, options?: ListContainerPrefixesOptions) => Promise<ObjectPrefix[]>
>();
expectTypeOf<StorageDriver['iterateContainerPrefixes']>().toEqualTypeOf<
  (container: ContainerRef, options?: ListContainerPrefixesOptions) => AsyncIterable<ObjectPrefix>
>();
expectTypeOf<UploadObjectViaStreamOptions['source']>().toEqualTypeOf<Readable | AsyncIterable<Uint8Array>>();
expectTypeOf<DownloadObjectOptions['destinationPath']>().toEqualTypeOf<string>();
expectTypeOf<GetRecordOptions['id']>().toEqualTypeOf<string>();
expectTypeOf<ExportZoneToBindZoneFileOptions['path']>().toEqualTypeOf<string>();
expectTypeOf<BalancerAttachMemberOptions>().toExtend<{ ip: string; port: number }>();
expectTypeOf<BalancerAttachComputeNodeOptions['node']>().toEqualTypeOf<Node>();
expectTypeOf<BalancerDetachMemberOptions['member']>().toEqualTypeOf<Member>();
expectTypeOf<AttachVolumeOptions['node']>().toEqualTypeOf<Ref<Node>>();
expectTypeOf<CreateKeyPairOptions['name']>().toEqualTypeOf<string>();
expectTypeOf<CreateNodeOptions>().pick<'size' | 'image'>().toEqualTypeOf<{ size: Ref<NodeSize>; image: Ref<NodeImage> }>();
// Poll intervals are `pollIntervalMs` everywhere; `waitPeriodMs` is only a deprecated alias.
expectTypeOf<WaitUntilRunningOptions['pollIntervalMs']>().toEqualTypeOf<number | undefined>();
expectTypeOf<DeployNodeOptions['pollIntervalMs']>().toEqualTypeOf<number | undefined>();
// Provider extensions sit under one `ex` key.
expectTypeOf<CreateNodeOptions<{ tags?: Record<string, string> }>['ex']>().toEqualTypeOf<{ tags?: Record<string, string> } | undefined>();
