import { newId } from './ids.js';
import type { VolumeRecord } from './model.js';
import type { Ec2State } from './state.js';

/** Volume types EC2 accepts. */
export const VOLUME_TYPES = ['standard', 'gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1'] as const;

/** Size limits (GiB) per volume type. */
export const VOLUME_SIZE_LIMITS: Readonly<Record<string, [number, number]>> = {
  standard: [1, 1024],
  gp2: [1, 16384],
  gp3: [1, 16384],
  io1: [4, 16384],
  io2: [4, 65536],
  st1: [125, 16384],
  sc1: [125, 16384],
};

/** Creates and stores a volume record (state `creating` unless given). */
export function makeVolume(
  state: Ec2State,
  init: Pick<VolumeRecord, 'size' | 'availabilityZone'> & Partial<Omit<VolumeRecord, 'id' | 'seq'>>,
  now: number,
): VolumeRecord {
  const volumeType = init.volumeType ?? 'gp2';
  const volume: VolumeRecord = {
    id: newId('vol'),
    seq: state.nextSeq(),
    size: init.size,
    snapshotId: init.snapshotId,
    availabilityZone: init.availabilityZone,
    state: init.state ?? 'creating',
    createTime: init.createTime ?? now,
    volumeType,
    iops: init.iops ?? (volumeType === 'gp3' ? 3000 : volumeType === 'gp2' ? Math.min(16000, Math.max(100, init.size * 3)) : undefined),
    throughput: init.throughput ?? (volumeType === 'gp3' ? 125 : undefined),
    encrypted: init.encrypted ?? false,
    attachment: init.attachment,
    tags: init.tags ?? new Map(),
  };
  state.volumes.set(volume.id, volume);
  return volume;
}
