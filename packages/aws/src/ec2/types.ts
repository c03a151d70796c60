/** A security group reference on an instance. */
export interface Ec2GroupRef {
  /** Group id (`sg-…`). */
  id: string;
  /** Group name. */
  name: string | undefined;
}

/** A block device of an instance. */
export interface Ec2BlockDevice {
  /** Device name (`/dev/xvda`). */
  deviceName: string;
  /** EBS volume id. */
  volumeId: string | undefined;
  /** Attachment status. */
  status: string | undefined;
  /** Whether the volume is deleted with the instance. */
  deleteOnTermination: boolean;
  /** When it was attached. */
  attachTime: Date | undefined;
}

/** A network interface of an instance. */
export interface Ec2NetworkInterface {
  /** Interface id (`eni-…`). */
  id: string;
  /** Subnet id. */
  subnetId: string | undefined;
  /** VPC id. */
  vpcId: string | undefined;
  /** MAC address. */
  macAddress: string | undefined;
  /** Primary private address. */
  privateIp: string | undefined;
  /** Every private IPv4 address. */
  privateIps: string[];
  /** IPv6 addresses. */
  ipv6Addresses: string[];
  /** Public address associated with the interface. */
  publicIp: string | undefined;
  /** Status. */
  status: string | undefined;
}

/** Provider data of an EC2 instance (`node.extra`). */
export interface Ec2NodeExtra {
  /** Reservation id (`r-…`). */
  reservationId: string | undefined;
  /** Owning account. */
  ownerId: string | undefined;
  /** Instance type. */
  instanceType: string | undefined;
  /** EC2 state name (`pending`, `shutting-down`…). */
  stateName: string | undefined;
  /** EC2 state code (0 pending, 16 running, 32 shutting-down, 48 terminated, 64 stopping, 80 stopped). */
  stateCode: number | undefined;
  /** Why the state changed, when EC2 says. */
  stateReason: string | undefined;
  /** Key pair name. */
  keyName: string | undefined;
  /** Availability zone. */
  availabilityZone: string | undefined;
  /** Subnet id. */
  subnetId: string | undefined;
  /** VPC id. */
  vpcId: string | undefined;
  /** Private DNS name. */
  privateDnsName: string | undefined;
  /** Public DNS name. */
  dnsName: string | undefined;
  /** `x86_64`, `arm64`… */
  architecture: string | undefined;
  /** `ebs` or `instance-store`. */
  rootDeviceType: string | undefined;
  /** Root device name. */
  rootDeviceName: string | undefined;
  /** `hvm` or `paravirtual`. */
  virtualizationType: string | undefined;
  /** `windows` for Windows instances. */
  platform: string | undefined;
  /** `spot` or `scheduled` for non-on-demand instances. */
  lifecycle: string | undefined;
  /** Launch index within the reservation. */
  launchIndex: number | undefined;
  /** Idempotency token the instance was launched with. */
  clientToken: string | undefined;
  /** IAM instance profile ARN. */
  iamInstanceProfileArn: string | undefined;
  /** Security groups. */
  securityGroups: Ec2GroupRef[];
  /** Block devices. */
  blockDevices: Ec2BlockDevice[];
  /** Network interfaces. */
  networkInterfaces: Ec2NetworkInterface[];
  /** Tags. */
  tags: Record<string, string>;
}

/** Provider data of an AMI (`image.extra`). */
export interface Ec2ImageExtra {
  /** `available`, `pending`, `failed`… */
  state: string | undefined;
  /** Owning account. */
  ownerId: string | undefined;
  /** Owner alias (`amazon`, `aws-marketplace`). */
  ownerAlias: string | undefined;
  /** Whether the image is public. */
  isPublic: boolean;
  /** Architecture. */
  architecture: string | undefined;
  /** `machine`, `kernel`, `ramdisk`. */
  imageType: string | undefined;
  /** Manifest location. */
  imageLocation: string | undefined;
  /** Description. */
  description: string | undefined;
  /** `ebs` or `instance-store`. */
  rootDeviceType: string | undefined;
  /** Root device name. */
  rootDeviceName: string | undefined;
  /** `hvm` or `paravirtual`. */
  virtualizationType: string | undefined;
  /** Hypervisor. */
  hypervisor: string | undefined;
  /** `windows` for Windows images. */
  platform: string | undefined;
  /** Creation time. */
  creationDate: Date | undefined;
  /** Block device mappings (device name → snapshot id, when EBS). */
  blockDevices: { deviceName: string; snapshotId: string | undefined; volumeSizeGb: number | undefined; volumeType: string | undefined }[];
  /** Tags. */
  tags: Record<string, string>;
}

/** Provider data of an availability zone (`location.extra`). */
export interface Ec2LocationExtra {
  /** Zone state (`available`). */
  state: string | undefined;
  /** Region the zone is in. */
  regionName: string | undefined;
  /** Zone id (`use1-az1`). */
  zoneId: string | undefined;
  /** `availability-zone`, `local-zone`, `wavelength-zone`. */
  zoneType: string | undefined;
}

/** Provider data of an instance type (`size.extra`). */
export interface Ec2SizeExtra {
  /** CPU architecture. */
  arch: 'x86_64' | 'arm64';
  /** Whether storage is EBS only (`diskGb` 0). */
  ebsOnly: boolean;
  /** Whether the type is from a previous generation. */
  previousGeneration: boolean;
}

/** An EBS attachment. */
export interface Ec2VolumeAttachment {
  /** Instance id. */
  instanceId: string;
  /** Device name. */
  device: string | undefined;
  /** `attaching`, `attached`, `detaching`, `detached`. */
  status: string | undefined;
  /** When it was attached. */
  attachTime: Date | undefined;
  /** Whether the volume is deleted with the instance. */
  deleteOnTermination: boolean;
}

/** Provider data of an EBS volume (`volume.extra`). */
export interface Ec2VolumeExtra {
  /** EC2 status (`creating`, `available`, `in-use`…). */
  status: string | undefined;
  /** Availability zone. */
  availabilityZone: string | undefined;
  /** `gp3`, `gp2`, `io1`, `st1`, `sc1`, `standard`. */
  volumeType: string | undefined;
  /** Provisioned IOPS. */
  iops: number | undefined;
  /** Whether the volume is encrypted. */
  encrypted: boolean;
  /** Snapshot it was created from. */
  snapshotId: string | undefined;
  /** Creation time. */
  createTime: Date | undefined;
  /** Attachments. */
  attachments: Ec2VolumeAttachment[];
  /** Tags. */
  tags: Record<string, string>;
}

/** Provider data of an EBS snapshot (`snapshot.extra`). */
export interface Ec2SnapshotExtra {
  /** Description. */
  description: string | undefined;
  /** Progress (`100%`). */
  progress: string | undefined;
  /** Owning account. */
  ownerId: string | undefined;
  /** Whether it is encrypted. */
  encrypted: boolean;
  /** Tags. */
  tags: Record<string, string>;
}

/** Provider data of a key pair (`keyPair.extra`). */
export interface Ec2KeyPairExtra {
  /** Key pair id (`key-…`). */
  keyPairId: string | undefined;
  /** `rsa` or `ed25519`. */
  keyType: string | undefined;
}

/** One rule of a security group. */
export interface Ec2IpPermission {
  /** `tcp`, `udp`, `icmp`, or `-1` for all. */
  protocol: string;
  /** First port (ICMP type); absent for all-protocol rules. */
  fromPort?: number | undefined;
  /** Last port (ICMP code). */
  toPort?: number | undefined;
  /** IPv4 CIDR blocks. */
  cidrIps?: readonly string[] | undefined;
  /** IPv6 CIDR blocks. */
  cidrIpv6s?: readonly string[] | undefined;
  /** Source/destination security group ids. */
  groupIds?: readonly string[] | undefined;
  /** Description applied to each range. */
  description?: string | undefined;
}

/** A security group. */
export interface Ec2SecurityGroup {
  /** Group id. */
  id: string;
  /** Group name. */
  name: string;
  /** Description. */
  description: string | undefined;
  /** VPC id (absent for EC2-Classic groups). */
  vpcId: string | undefined;
  /** Owning account. */
  ownerId: string | undefined;
  /** Inbound rules. */
  ingress: Ec2IpPermission[];
  /** Outbound rules. */
  egress: Ec2IpPermission[];
  /** Tags. */
  tags: Record<string, string>;
}

/** An Elastic IP address. */
export interface Ec2ElasticIp {
  /** The address. */
  publicIp: string;
  /** Allocation id (`eipalloc-…`, VPC addresses). */
  allocationId: string | undefined;
  /** `vpc` or `standard`. */
  domain: string | undefined;
  /** Instance it is associated with. */
  instanceId: string | undefined;
  /** Association id (`eipassoc-…`). */
  associationId: string | undefined;
  /** Network interface it is associated with. */
  networkInterfaceId: string | undefined;
  /** Private address it maps to. */
  privateIpAddress: string | undefined;
  /** Tags. */
  tags: Record<string, string>;
}

/** A tag as DescribeTags reports it. */
export interface Ec2Tag {
  /** Resource id. */
  resourceId: string;
  /** Resource type (`instance`, `volume`…). */
  resourceType: string | undefined;
  /** Key. */
  key: string;
  /** Value (`''` when empty). */
  value: string;
}
