import { randomBytes } from 'node:crypto';
import { Ec2Error, invalidValue, missingParameter } from '../errors.js';
import { idempotent } from '../idempotency.js';
import { imageVolumes, launchInstances, type LaunchSpec, type LaunchVolume } from '../launch.js';
import type { ImageRecord, SecurityGroupRecord, SubnetRecord } from '../model.js';
import { tagSpecifications, type QueryParams } from '../params.js';
import { VOLUME_SIZE_LIMITS, VOLUME_TYPES } from '../records.js';
import type { Ec2State } from '../state.js';
import type { ActionContext } from './context.js';
import { writeReservationBody } from './instance-xml.js';
import type { XmlWriter } from '../xml-writer.js';

/** Most instances one RunInstances call may launch. */
export const MAX_INSTANCES_PER_CALL = 1000;

function base64UserData(value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new Ec2Error('InvalidParameterValue', 'Invalid BASE64 encoding of user data.');
  }
  if (Buffer.from(compact, 'base64').length > 16384) throw new Ec2Error('InvalidParameterValue', 'User data is limited to 16384 bytes');
  return compact;
}

function iamProfile(params: QueryParams, accountId: string): LaunchSpec['iamInstanceProfile'] {
  const arn = params.get('IamInstanceProfile.Arn');
  const name = params.get('IamInstanceProfile.Name');
  if (arn === undefined && name === undefined) return undefined;
  let finalArn: string;
  if (arn !== undefined) {
    if (!/^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/.+$/.test(arn)) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Value (${arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`,
      );
    }
    finalArn = arn;
  } else {
    finalArn = `arn:aws:iam::${accountId}:instance-profile/${name as string}`;
  }
  return { arn: finalArn, id: `AIPA${randomBytes(9).toString('hex').toUpperCase().slice(0, 17)}` };
}

function blockDevices(params: QueryParams, image: ImageRecord): LaunchVolume[] {
  const volumes = imageVolumes(image);
  for (const bdm of params.structs('BlockDeviceMapping')) {
    const deviceName = bdm.get('DeviceName');
    if (deviceName === undefined) throw missingParameter('BlockDeviceMapping.DeviceName');
    const existing = volumes.findIndex((v) => v.deviceName === deviceName);
    if (bdm.has('NoDevice')) {
      if (existing >= 0) volumes.splice(existing, 1);
      continue;
    }
    if (bdm.has('VirtualName')) continue; // instance store: nothing to create
    const base = existing >= 0 ? volumes[existing] : undefined;
    const volumeType = bdm.get('Ebs.VolumeType') ?? base?.volumeType ?? 'gp2';
    if (!(VOLUME_TYPES as readonly string[]).includes(volumeType)) throw invalidValue('volumeType', volumeType);
    const snapshotId = bdm.get('Ebs.SnapshotId') ?? base?.snapshotId;
    const size = bdm.int('Ebs.VolumeSize', { min: 1 }) ?? base?.size;
    if (size === undefined) throw missingParameter(`BlockDeviceMapping (${deviceName}) Ebs.VolumeSize`);
    const [min, max] = VOLUME_SIZE_LIMITS[volumeType] ?? [1, 16384];
    if (size < min || size > max) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Volume of ${size}GiB is out of the range ${min}-${max}GiB for volume type ${volumeType}.`,
      );
    }
    if (base && size < base.size) {
      throw new Ec2Error(
        'InvalidBlockDeviceMapping',
        `Volume of size ${size}GB is smaller than snapshot '${base.snapshotId ?? ''}', expect size >= ${base.size}GB`,
      );
    }
    const volume: LaunchVolume = {
      deviceName,
      size,
      volumeType,
      deleteOnTermination: bdm.bool('Ebs.DeleteOnTermination') ?? true,
      snapshotId,
      iops: bdm.int('Ebs.Iops', { min: 100 }),
      encrypted: bdm.bool('Ebs.Encrypted') ?? base?.encrypted ?? false,
    };
    if (existing >= 0) volumes[existing] = volume;
    else volumes.push(volume);
  }
  return volumes;
}

function groups(params: QueryParams, state: Ec2State): SecurityGroupRecord[] {
  const out: SecurityGroupRecord[] = [];
  for (const id of params.list('SecurityGroupId')) out.push(state.group(id));
  for (const name of params.list('SecurityGroup')) out.push(state.groupByName(name));
  const unique = [...new Map(out.map((g) => [g.id, g])).values()];
  return unique.length > 0 ? unique : [state.defaultGroup];
}

/** Validates RunInstances parameters into a launch spec (no state changes). */
export function parseRunInstances(params: QueryParams, state: Ec2State, clientToken: string): LaunchSpec {
  const image = state.image(params.require('ImageId'));
  if (image.state !== 'available') throw new Ec2Error('InvalidAMIID.Unavailable', `AMI '${image.id}' is pending, and cannot be run`);
  const minCount = params.int('MinCount', { min: 1 });
  const maxCount = params.int('MaxCount', { min: 1 });
  if (minCount === undefined) throw missingParameter('MinCount');
  if (maxCount === undefined) throw missingParameter('MaxCount');
  if (minCount > maxCount) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `Value (${minCount}) for parameter minCount is invalid. Expected a number less than or equal to maxCount (${maxCount}).`,
    );
  }
  if (minCount > MAX_INSTANCES_PER_CALL) {
    throw new Ec2Error(
      'InstanceLimitExceeded',
      `You have requested more instances (${minCount}) than your current instance limit of ${MAX_INSTANCES_PER_CALL} allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
    );
  }
  const instanceType = params.get('InstanceType') ?? 'm1.small';
  const spec = state.instanceTypes.get(instanceType);
  if (!spec) throw invalidValue('InstanceType', instanceType);
  if (spec.architecture !== image.architecture) {
    throw new Ec2Error(
      'InvalidParameterValue',
      `The architecture '${spec.architecture}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again.`,
    );
  }
  const keyName = params.get('KeyName');
  if (keyName !== undefined) state.keyPair(keyName);
  const zone = params.get('Placement.AvailabilityZone');
  if (zone !== undefined) state.zone(zone);
  const subnetId = params.get('SubnetId');
  let subnet: SubnetRecord | undefined;
  if (subnetId !== undefined) {
    subnet = state.subnets.get(subnetId);
    if (!subnet) throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
    if (zone !== undefined && zone !== subnet.availabilityZone) {
      throw new Ec2Error('InvalidParameterValue', `Subnet ${subnetId} is in availability zone ${subnet.availabilityZone}, not ${zone}`);
    }
  }
  const behavior = params.get('InstanceInitiatedShutdownBehavior') ?? 'stop';
  if (behavior !== 'stop' && behavior !== 'terminate') throw invalidValue('InstanceInitiatedShutdownBehavior', behavior);
  const tagSpecs = tagSpecifications(params, ['instance', 'volume', 'network-interface']);
  const userData = params.get('UserData');
  return {
    image,
    instanceType,
    count: Math.min(maxCount, MAX_INSTANCES_PER_CALL),
    keyName,
    groups: groups(params, state),
    subnet,
    zone,
    userData: userData === undefined ? undefined : base64UserData(userData),
    iamInstanceProfile: iamProfile(params, state.options.accountId),
    volumes: blockDevices(params, image),
    instanceTags: tagSpecs.get('instance') ?? new Map(),
    volumeTags: tagSpecs.get('volume') ?? new Map(),
    clientToken,
    monitoring: params.bool('Monitoring.Enabled') ?? false,
    ebsOptimized: params.bool('EbsOptimized') ?? false,
    disableApiTermination: params.bool('DisableApiTermination') ?? false,
    shutdownBehavior: behavior,
    initialState: 'pending',
  };
}

/** RunInstances, idempotent per `ClientToken`: a repeated token answers the original reservation; different parameters are `IdempotentParameterMismatch`. */
export function runInstances(ctx: ActionContext, w: XmlWriter): Promise<void> {
  const { params, state, now } = ctx;
  return idempotent(
    ctx,
    () => launchInstances(state, parseRunInstances(params, state, params.get('ClientToken') ?? ''), now),
    (reservation) => writeReservationBody(w, reservation, reservation.instances, state),
  );
}
