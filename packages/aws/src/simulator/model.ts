/** Records the EC2 simulator keeps (its in-memory account). Times are epoch milliseconds. */

/** Instance state names with their EC2 codes. */
export const INSTANCE_STATE_CODES = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
} as const;

/** An instance state name. */
export type InstanceStateName = keyof typeof INSTANCE_STATE_CODES;

/** A block device of an instance (always EBS here). */
export interface InstanceBlockDevice {
  deviceName: string;
  volumeId: string;
  deleteOnTermination: boolean;
  attachTime: number;
}

/** An instance. */
export interface InstanceRecord {
  id: string;
  seq: number;
  reservationId: string;
  imageId: string;
  instanceType: string;
  keyName: string | undefined;
  state: InstanceStateName;
  launchTime: number;
  availabilityZone: string;
  subnetId: string;
  vpcId: string;
  privateIp: string;
  publicIp: string | undefined;
  /** Allocation id of an associated Elastic IP. */
  elasticIp: string | undefined;
  groups: { id: string; name: string }[];
  userData: string | undefined;
  iamInstanceProfile: { arn: string; id: string } | undefined;
  blockDevices: InstanceBlockDevice[];
  rootDeviceName: string;
  architecture: string;
  platform: 'windows' | undefined;
  clientToken: string;
  tags: Map<string, string>;
  amiLaunchIndex: number;
  reason: string;
  stateReason: { code: string; message: string } | undefined;
  networkInterfaceId: string;
  attachmentId: string;
  macAddress: string;
  monitoring: boolean;
  ebsOptimized: boolean;
  /** When it reached `terminated` (for how long it stays visible). */
  terminatedAt: number | undefined;
  /** When it last reached `running` (console output exists from the first boot on). */
  bootedAt: number | undefined;
  /** `DisableApiTermination`: TerminateInstances is refused. */
  disableApiTermination: boolean;
  /** `InstanceInitiatedShutdownBehavior`. */
  shutdownBehavior: 'stop' | 'terminate';
}

/** A reservation (one RunInstances call). */
export interface ReservationRecord {
  id: string;
  ownerId: string;
  /** Instances, kept even after they are purged so an idempotent retry can answer. */
  instances: InstanceRecord[];
}

/** A block device mapping of an image. */
export interface ImageBlockDevice {
  deviceName: string;
  snapshotId: string | undefined;
  volumeSize: number;
  volumeType: string;
  deleteOnTermination: boolean;
  encrypted: boolean;
}

/** An AMI. */
export interface ImageRecord {
  id: string;
  seq: number;
  name: string;
  description: string | undefined;
  ownerId: string;
  ownerAlias: string | undefined;
  state: 'pending' | 'available' | 'failed';
  public: boolean;
  architecture: string;
  platform: 'windows' | undefined;
  rootDeviceName: string;
  creationDate: number;
  blockDevices: ImageBlockDevice[];
  tags: Map<string, string>;
}

/** An EBS volume attachment. */
export interface VolumeAttachment {
  instanceId: string;
  device: string;
  status: 'attaching' | 'attached' | 'detaching';
  attachTime: number;
  deleteOnTermination: boolean;
}

/** An EBS volume. */
export interface VolumeRecord {
  id: string;
  seq: number;
  size: number;
  snapshotId: string | undefined;
  availabilityZone: string;
  state: 'creating' | 'available' | 'in-use' | 'deleting';
  createTime: number;
  volumeType: string;
  iops: number | undefined;
  throughput: number | undefined;
  encrypted: boolean;
  attachment: VolumeAttachment | undefined;
  tags: Map<string, string>;
}

/** An EBS snapshot. */
export interface SnapshotRecord {
  id: string;
  seq: number;
  volumeId: string;
  volumeSize: number;
  state: 'pending' | 'completed' | 'error';
  startTime: number;
  ownerId: string;
  description: string;
  encrypted: boolean;
  tags: Map<string, string>;
}

/** A key pair. */
export interface KeyPairRecord {
  id: string;
  name: string;
  fingerprint: string;
  type: 'rsa' | 'ed25519';
  createTime: number;
  publicKey: string;
  tags: Map<string, string>;
}

/** One security group rule (EC2 models each CIDR / referenced group as its own rule). */
export interface SecurityGroupRule {
  id: string;
  protocol: string;
  fromPort: number | undefined;
  toPort: number | undefined;
  cidrIpv4: string | undefined;
  cidrIpv6: string | undefined;
  groupId: string | undefined;
  description: string | undefined;
}

/** A security group. */
export interface SecurityGroupRecord {
  id: string;
  seq: number;
  name: string;
  description: string;
  vpcId: string;
  ownerId: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
  tags: Map<string, string>;
}

/** An Elastic IP address. */
export interface AddressRecord {
  allocationId: string;
  publicIp: string;
  associationId: string | undefined;
  instanceId: string | undefined;
  tags: Map<string, string>;
}

/** The default VPC's subnet in one availability zone. */
export interface SubnetRecord {
  id: string;
  vpcId: string;
  availabilityZone: string;
  zoneId: string;
  cidrBlock: string;
  /** First host number of the subnet (for private IPs). */
  base: number;
  tags: Map<string, string>;
}
