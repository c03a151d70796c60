import {
  AMAZON_OWNER_ID,
  DEFAULT_IMAGES,
  DEFAULT_INSTANCE_TYPES,
  regionShortCode,
  type Ec2ImageDefinition,
  type InstanceTypeSpec,
} from './catalog.js';
import { Ec2Error } from './errors.js';
import { ipv4, isWellFormedId, newId } from './ids.js';
import type {
  AddressRecord,
  ImageRecord,
  InstanceRecord,
  KeyPairRecord,
  ReservationRecord,
  SecurityGroupRecord,
  SnapshotRecord,
  SubnetRecord,
  VolumeRecord,
} from './model.js';
import type { ResolvedOptions } from './options.js';

interface Scheduled {
  at: number;
  record: object;
  version: number;
  run: (now: number) => void;
}

const PUBLIC_POOL = (198 << 24) | (18 << 16); // 198.18.0.0/15, reserved for benchmarking: never routed
const PUBLIC_POOL_SIZE = 131_070;
const ELASTIC_POOL = ((203 << 24) | (0 << 16) | (113 << 8)) >>> 0; // 203.0.113.0/24 (TEST-NET-3)

function notFound(code: string, what: string, ids: readonly string[]): Ec2Error {
  return ids.length === 1
    ? new Ec2Error(code, `The ${what} '${ids[0]}' does not exist`)
    : new Ec2Error(code, `The ${what}s '${ids.join(', ')}' do not exist`);
}

function malformed(code: string, id: string, prefix: string): Ec2Error {
  return new Ec2Error(code, `Invalid id: "${id}" (expecting "${prefix}-...")`);
}

/** The simulator's account: every resource, the clock-driven transitions, and id/address allocation. */
export class Ec2State {
  /** Options in effect. */
  readonly options: ResolvedOptions;
  /** Instances by id, in launch order. */
  readonly instances = new Map<string, InstanceRecord>();
  /** Reservations by id. */
  readonly reservations = new Map<string, ReservationRecord>();
  /** Client tokens (`Action\ntoken`): parameter fingerprint and what the first call produced. */
  readonly clientTokens = new Map<string, { fingerprint: string; result: unknown }>();
  /** Images by id. */
  readonly images = new Map<string, ImageRecord>();
  /** Volumes by id. */
  readonly volumes = new Map<string, VolumeRecord>();
  /** Snapshots by id. */
  readonly snapshots = new Map<string, SnapshotRecord>();
  /** Key pairs by name. */
  readonly keyPairs = new Map<string, KeyPairRecord>();
  /** Security groups by id. */
  readonly securityGroups = new Map<string, SecurityGroupRecord>();
  /** Elastic IPs by allocation id. */
  readonly addresses = new Map<string, AddressRecord>();
  /** Default subnets by id. */
  readonly subnets = new Map<string, SubnetRecord>();
  /** Instance types by name. */
  readonly instanceTypes = new Map<string, InstanceTypeSpec>();
  /** The default VPC. */
  readonly vpc: { id: string; cidrBlock: string; dhcpOptionsId: string; tags: Map<string, string> };
  /** The default VPC's `default` security group. */
  readonly defaultGroup: SecurityGroupRecord;

  private seq = 0;
  private publicCounter = 0;
  private readonly privateCounters = new Map<string, number>();
  private readonly scheduled: Scheduled[] = [];
  private readonly versions = new WeakMap<object, number>();

  constructor(options: ResolvedOptions, now: number) {
    this.options = options;
    this.vpc = { id: newId('vpc'), cidrBlock: '172.31.0.0/16', dhcpOptionsId: newId('dopt'), tags: new Map() };
    options.availabilityZones.forEach((zone, i) => {
      const base = ((172 << 24) | (31 << 16) | ((i * 16) << 8)) >>> 0;
      const subnet: SubnetRecord = {
        id: newId('subnet'),
        vpcId: this.vpc.id,
        availabilityZone: zone,
        zoneId: `${regionShortCode(options.region)}-az${i + 1}`,
        cidrBlock: `${ipv4(base)}/20`,
        base,
        tags: new Map(),
      };
      this.subnets.set(subnet.id, subnet);
    });
    const groupId = newId('sg');
    this.defaultGroup = {
      id: groupId,
      seq: this.nextSeq(),
      name: 'default',
      description: 'default VPC security group',
      vpcId: this.vpc.id,
      ownerId: options.accountId,
      ingress: [
        {
          id: newId('sgr'),
          protocol: '-1',
          fromPort: undefined,
          toPort: undefined,
          cidrIpv4: undefined,
          cidrIpv6: undefined,
          groupId,
          description: undefined,
        },
      ],
      egress: [this.allTrafficEgress()],
      tags: new Map(),
    };
    this.securityGroups.set(groupId, this.defaultGroup);
    const wanted = options.instanceTypes;
    for (const spec of DEFAULT_INSTANCE_TYPES) if (!wanted || wanted.includes(spec.name)) this.instanceTypes.set(spec.name, spec);
    for (const name of wanted ?? []) {
      if (!this.instanceTypes.has(name)) {
        this.instanceTypes.set(name, {
          name,
          vcpus: 2,
          memoryMiB: 4096,
          architecture: 'x86_64',
          network: 'Moderate',
          currentGeneration: true,
          freeTier: false,
          hypervisor: 'nitro',
        });
      }
    }
    for (const def of options.images ?? DEFAULT_IMAGES) this.addImage(def, now);
  }

  /** A default egress rule (all traffic to 0.0.0.0/0). */
  allTrafficEgress(): SecurityGroupRecord['egress'][number] {
    return {
      id: newId('sgr'),
      protocol: '-1',
      fromPort: undefined,
      toPort: undefined,
      cidrIpv4: '0.0.0.0/0',
      cidrIpv6: undefined,
      groupId: undefined,
      description: undefined,
    };
  }

  /** Adds a public image from a definition. */
  addImage(def: Ec2ImageDefinition, now: number): ImageRecord {
    const image: ImageRecord = {
      id: def.imageId ?? newId('ami'),
      seq: this.nextSeq(),
      name: def.name,
      description: def.description,
      ownerId: def.ownerId ?? AMAZON_OWNER_ID,
      ownerAlias: def.ownerAlias,
      state: 'available',
      public: def.public ?? true,
      architecture: def.architecture ?? 'x86_64',
      platform: def.platform,
      rootDeviceName: def.rootDeviceName ?? '/dev/xvda',
      creationDate: def.creationDate ? Date.parse(def.creationDate) : Date.parse('2024-01-10T00:00:00.000Z') || now,
      blockDevices: [
        {
          deviceName: def.rootDeviceName ?? '/dev/xvda',
          snapshotId: newId('snap'),
          volumeSize: def.volumeSize ?? 8,
          volumeType: def.volumeType ?? 'gp3',
          deleteOnTermination: true,
          encrypted: false,
        },
      ],
      tags: new Map(),
    };
    this.images.set(image.id, image);
    return image;
  }

  /** Next sequence number (orders listings and pages). */
  nextSeq(): number {
    return ++this.seq;
  }

  /** Runs `run` at `now + delayMs` (on the first request at or after that time); replaces any pending transition of `record`. */
  schedule(record: object, now: number, delayMs: number, run: (now: number) => void): void {
    const version = (this.versions.get(record) ?? 0) + 1;
    this.versions.set(record, version);
    this.scheduled.push({ at: now + Math.max(0, delayMs), record, version, run });
  }

  /** Drops the pending transition of `record`. */
  cancel(record: object): void {
    this.versions.set(record, (this.versions.get(record) ?? 0) + 1);
  }

  /** Applies every transition due by `now`, oldest first (transitions may schedule further ones). */
  advance(now: number): void {
    for (;;) {
      const due: Scheduled[] = [];
      let kept = 0;
      for (const s of this.scheduled) {
        if (s.at <= now) due.push(s);
        else this.scheduled[kept++] = s;
      }
      this.scheduled.length = kept;
      if (due.length === 0) return;
      due.sort((a, b) => a.at - b.at);
      for (const s of due) if (this.versions.get(s.record) === s.version) s.run(s.at);
    }
  }

  /** A new auto-assigned public IPv4 address (198.18.0.0/15), or the configured fixed one. */
  allocatePublicIp(): string {
    if (this.options.instanceIps.public) return this.options.instanceIps.public;
    const n = (this.publicCounter++ % PUBLIC_POOL_SIZE) + 1;
    return ipv4((PUBLIC_POOL + n) >>> 0);
  }

  /** A new private address in a subnet, or the configured fixed one. */
  allocatePrivateIp(subnet: SubnetRecord): string {
    if (this.options.instanceIps.private) return this.options.instanceIps.private;
    const n = this.privateCounters.get(subnet.id) ?? 0;
    this.privateCounters.set(subnet.id, n + 1);
    return ipv4((subnet.base + 4 + (n % 4000)) >>> 0);
  }

  /** A free Elastic IP address from 203.0.113.0/24. */
  allocateElasticIp(): string {
    const used = new Set([...this.addresses.values()].map((a) => a.publicIp));
    for (let n = 1; n < 255; n++) {
      const ip = ipv4(ELASTIC_POOL + n);
      if (!used.has(ip)) return ip;
    }
    throw new Ec2Error('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
  }

  /** The default subnet of a zone. */
  subnetForZone(zone: string): SubnetRecord {
    for (const s of this.subnets.values()) if (s.availabilityZone === zone) return s;
    throw new Ec2Error('InvalidParameterValue', `Invalid availability zone: [${zone}]`);
  }

  /** Instances by id; `InvalidInstanceID.Malformed` / `.NotFound` (listing every missing id). */
  findInstances(ids: readonly string[]): InstanceRecord[] {
    const missing: string[] = [];
    const found: InstanceRecord[] = [];
    for (const id of ids) {
      if (!isWellFormedId(id, 'i')) throw malformed('InvalidInstanceID.Malformed', id, 'i');
      const inst = this.instances.get(id);
      if (inst) found.push(inst);
      else missing.push(id);
    }
    if (missing.length > 0) throw notFound('InvalidInstanceID.NotFound', 'instance ID', missing);
    return found;
  }

  /** One instance by id. */
  instance(id: string): InstanceRecord {
    return this.findInstances([id])[0] as InstanceRecord;
  }

  /** An image by id. */
  image(id: string): ImageRecord {
    if (!isWellFormedId(id, 'ami')) throw malformed('InvalidAMIID.Malformed', id, 'ami');
    const image = this.images.get(id);
    if (!image) throw new Ec2Error('InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
    return image;
  }

  /** A volume by id. */
  volume(id: string): VolumeRecord {
    if (!isWellFormedId(id, 'vol')) throw malformed('InvalidVolumeID.Malformed', id, 'vol');
    const volume = this.volumes.get(id);
    if (!volume) throw new Ec2Error('InvalidVolume.NotFound', `The volume '${id}' does not exist.`);
    return volume;
  }

  /** A snapshot by id. */
  snapshot(id: string): SnapshotRecord {
    if (!isWellFormedId(id, 'snap')) throw malformed('InvalidSnapshotID.Malformed', id, 'snap');
    const snapshot = this.snapshots.get(id);
    if (!snapshot) throw new Ec2Error('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`);
    return snapshot;
  }

  /** A key pair by name. */
  keyPair(name: string): KeyPairRecord {
    const key = this.keyPairs.get(name);
    if (!key) throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${name}' does not exist`);
    return key;
  }

  /** A key pair by id (`key-…`). */
  keyPairById(id: string): KeyPairRecord {
    for (const key of this.keyPairs.values()) if (key.id === id) return key;
    throw new Ec2Error('InvalidKeyPair.NotFound', `The key pair '${id}' does not exist`);
  }

  /** A security group by id. */
  group(id: string): SecurityGroupRecord {
    if (!isWellFormedId(id, 'sg')) throw new Ec2Error('InvalidGroupId.Malformed', `Invalid id: "${id}"`);
    const group = this.securityGroups.get(id);
    if (!group) throw new Ec2Error('InvalidGroup.NotFound', `The security group '${id}' does not exist`);
    return group;
  }

  /** A security group of the default VPC by name. */
  groupByName(name: string): SecurityGroupRecord {
    for (const g of this.securityGroups.values()) if (g.name === name) return g;
    throw new Ec2Error('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${this.vpc.id}'`);
  }

  /** An Elastic IP by allocation id. */
  address(allocationId: string): AddressRecord {
    const address = this.addresses.get(allocationId);
    if (!address) throw new Ec2Error('InvalidAllocationID.NotFound', `The allocation ID '${allocationId}' does not exist`);
    return address;
  }

  /** An Elastic IP by public address. */
  addressByIp(ip: string): AddressRecord {
    for (const a of this.addresses.values()) if (a.publicIp === ip) return a;
    throw new Ec2Error('InvalidAddress.NotFound', `Address '${ip}' not found.`);
  }

  /** Validates an availability zone name. */
  zone(name: string): string {
    if (!this.options.availabilityZones.includes(name)) throw new Ec2Error('InvalidParameterValue', `Invalid availability zone: [${name}]`);
    return name;
  }

  /** Zone id (`use1-az1`) of a zone name. */
  zoneId(name: string): string {
    return this.subnetForZone(name).zoneId;
  }
}
