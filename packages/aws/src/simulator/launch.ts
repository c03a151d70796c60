import { randomBytes } from 'node:crypto';
import { newId } from './ids.js';
import { schedulePending } from './lifecycle.js';
import type { ImageRecord, InstanceRecord, ReservationRecord, SecurityGroupRecord, SubnetRecord } from './model.js';
import { makeVolume } from './records.js';
import type { Ec2State } from './state.js';

/** One EBS volume to create at launch. */
export interface LaunchVolume {
  deviceName: string;
  size: number;
  volumeType: string;
  deleteOnTermination: boolean;
  snapshotId: string | undefined;
  iops: number | undefined;
  encrypted: boolean;
}

/** A validated launch request. */
export interface LaunchSpec {
  image: ImageRecord;
  instanceType: string;
  count: number;
  keyName: string | undefined;
  groups: SecurityGroupRecord[];
  /** Subnet; default: the default subnet of `zone`, or zones in turn. */
  subnet: SubnetRecord | undefined;
  zone: string | undefined;
  userData: string | undefined;
  iamInstanceProfile: { arn: string; id: string } | undefined;
  volumes: LaunchVolume[];
  instanceTags: ReadonlyMap<string, string>;
  volumeTags: ReadonlyMap<string, string>;
  clientToken: string;
  monitoring: boolean;
  ebsOptimized: boolean;
  disableApiTermination: boolean;
  shutdownBehavior: 'stop' | 'terminate';
  /** Initial state: `pending` (RunInstances) or `running`/`stopped` (seeding). */
  initialState: 'pending' | 'running' | 'stopped';
}

/** The image's block devices as launch volumes. */
export function imageVolumes(image: ImageRecord): LaunchVolume[] {
  return image.blockDevices.map((d) => ({
    deviceName: d.deviceName,
    size: d.volumeSize,
    volumeType: d.volumeType,
    deleteOnTermination: d.deleteOnTermination,
    snapshotId: d.snapshotId,
    iops: undefined,
    encrypted: d.encrypted,
  }));
}

function macAddress(): string {
  const b = randomBytes(5);
  return `0e:${[...b].map((x) => x.toString(16).padStart(2, '0')).join(':')}`;
}

/** Creates a reservation of `spec.count` instances with their root/extra volumes; pending ones boot after `pendingDelayMs`. */
export function launchInstances(state: Ec2State, spec: LaunchSpec, now: number): ReservationRecord {
  const reservation: ReservationRecord = { id: newId('r'), ownerId: state.options.accountId, instances: [] };
  const zones = state.options.availabilityZones;
  for (let i = 0; i < spec.count; i++) {
    const seq = state.nextSeq();
    const subnet = spec.subnet ?? state.subnetForZone(spec.zone ?? (zones[seq % zones.length] as string));
    const inst: InstanceRecord = {
      id: newId('i'),
      seq,
      reservationId: reservation.id,
      imageId: spec.image.id,
      instanceType: spec.instanceType,
      keyName: spec.keyName,
      state: spec.initialState,
      launchTime: now,
      availabilityZone: subnet.availabilityZone,
      subnetId: subnet.id,
      vpcId: subnet.vpcId,
      privateIp: state.allocatePrivateIp(subnet),
      publicIp: spec.initialState === 'stopped' ? undefined : state.allocatePublicIp(),
      elasticIp: undefined,
      groups: spec.groups.map((g) => ({ id: g.id, name: g.name })),
      userData: spec.userData,
      iamInstanceProfile: spec.iamInstanceProfile,
      blockDevices: [],
      rootDeviceName: spec.image.rootDeviceName,
      architecture: spec.image.architecture,
      platform: spec.image.platform,
      clientToken: spec.clientToken,
      tags: new Map(spec.instanceTags),
      amiLaunchIndex: i,
      reason: '',
      stateReason: undefined,
      networkInterfaceId: newId('eni'),
      attachmentId: newId('eni-attach'),
      macAddress: macAddress(),
      monitoring: spec.monitoring,
      ebsOptimized: spec.ebsOptimized,
      terminatedAt: undefined,
      bootedAt: spec.initialState === 'running' ? now : undefined,
      disableApiTermination: spec.disableApiTermination,
      shutdownBehavior: spec.shutdownBehavior,
    };
    const attached = spec.initialState !== 'pending';
    for (const v of spec.volumes) {
      const vol = makeVolume(
        state,
        {
          size: v.size,
          availabilityZone: inst.availabilityZone,
          volumeType: v.volumeType,
          snapshotId: v.snapshotId,
          iops: v.iops,
          encrypted: v.encrypted,
          state: 'in-use',
          tags: new Map(spec.volumeTags),
          attachment: {
            instanceId: inst.id,
            device: v.deviceName,
            status: attached ? 'attached' : 'attaching',
            attachTime: now,
            deleteOnTermination: v.deleteOnTermination,
          },
        },
        now,
      );
      inst.blockDevices.push({ deviceName: v.deviceName, volumeId: vol.id, deleteOnTermination: v.deleteOnTermination, attachTime: now });
    }
    state.instances.set(inst.id, inst);
    reservation.instances.push(inst);
    if (spec.initialState === 'pending') schedulePending(state, inst, now);
  }
  state.reservations.set(reservation.id, reservation);
  return reservation;
}
