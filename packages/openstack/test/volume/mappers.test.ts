import { StorageVolume, StorageVolumeState } from '@cloudmux/core/compute';
import { BackRefDriver } from '../simulator-volume-network/support.js';
import { CINDER_VOLUME_STATES, SnapshotState, toSnapshot, toSnapshotState, toVolume, toVolumeState } from '../../src/volume/index.js';

const driver = new BackRefDriver();

describe('Cinder state maps', () => {
  it.each([
    ['creating', false, StorageVolumeState.CREATING],
    ['downloading', false, StorageVolumeState.CREATING],
    ['restoring-backup', false, StorageVolumeState.CREATING],
    ['available', false, StorageVolumeState.AVAILABLE],
    ['reserved', false, StorageVolumeState.ATTACHING],
    ['attaching', false, StorageVolumeState.ATTACHING],
    ['in-use', true, StorageVolumeState.INUSE],
    ['detaching', true, StorageVolumeState.DETACHING],
    ['deleting', false, StorageVolumeState.DELETING],
    ['awaiting-transfer', false, StorageVolumeState.UNKNOWN],
    ['error', false, StorageVolumeState.ERROR],
    ['error_deleting', false, StorageVolumeState.ERROR],
    ['error_backing-up', false, StorageVolumeState.ERROR],
    ['error_restoring', false, StorageVolumeState.ERROR],
    ['error_extending', false, StorageVolumeState.ERROR],
    ['backing-up', true, StorageVolumeState.INUSE],
    ['backing-up', false, StorageVolumeState.AVAILABLE],
    ['uploading', true, StorageVolumeState.INUSE],
    ['retyping', false, StorageVolumeState.AVAILABLE],
    ['extending', false, StorageVolumeState.AVAILABLE],
    ['maintenance', false, StorageVolumeState.AVAILABLE],
    ['something-new', false, StorageVolumeState.UNKNOWN],
  ] as const)('volume %s (attached: %s) → %s', (status, attached, state) => {
    expect(toVolumeState(status, attached)).toBe(state);
  });

  it('is a lookup table without inherited members', () => {
    expect(CINDER_VOLUME_STATES['constructor']).toBeUndefined();
    expect(toVolumeState('toString', false)).toBe(StorageVolumeState.UNKNOWN);
    expect(toVolumeState(undefined, false)).toBe(StorageVolumeState.UNKNOWN);
  });

  it.each([
    ['creating', SnapshotState.CREATING],
    ['available', SnapshotState.AVAILABLE],
    ['backing-up', SnapshotState.UPDATING],
    ['deleting', SnapshotState.DELETING],
    ['error', SnapshotState.ERROR],
    ['deleted', SnapshotState.DELETED],
    ['unmanaging', SnapshotState.DELETING],
    ['restoring', SnapshotState.RESTORING],
    ['error_deleting', SnapshotState.ERROR],
    ['weird', SnapshotState.UNKNOWN],
  ] as const)('snapshot %s → %s', (status, state) => {
    expect(toSnapshotState(status)).toBe(state);
  });
});

describe('Cinder mappers', () => {
  it('maps a volume with an attachment', () => {
    const v = toVolume(
      {
        id: 'v1',
        name: 'data',
        size: 10,
        status: 'in-use',
        bootable: 'true',
        availability_zone: 'nova',
        volume_type: 'lvmdriver-1',
        created_at: '2026-01-02T03:04:05.000000',
        metadata: { a: 'b', n: 1 as unknown as string },
        volume_image_metadata: { image_id: 'img-1' },
        attachments: [{ server_id: 's1', attachment_id: 'att-1', device: '/dev/vdb', attached_at: '2026-01-02T03:05:00.000000' }],
      },
      driver,
    );
    expect(v).toBeInstanceOf(StorageVolume);
    expect(v).toMatchObject({ id: 'v1', name: 'data', sizeGb: 10, state: StorageVolumeState.INUSE, attachedTo: 's1' });
    expect(v.extra).toMatchObject({ status: 'in-use', bootable: true, imageId: 'img-1', metadata: { a: 'b' }, volumeType: 'lvmdriver-1' });
    expect(v.extra.created?.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect(v.extra.attachments).toEqual([
      { serverId: 's1', attachmentId: 'att-1', device: '/dev/vdb', attachedAt: new Date('2026-01-02T03:05:00.000Z') },
    ]);
    expect(Object.keys(v)).not.toContain('driver');
    expect(v.driver).toBe(driver);
  });

  it('maps a sparse volume and a snapshot', () => {
    const v = toVolume({ id: 'v2', name: null, status: 'available', bootable: 'false' }, driver);
    expect(v).toMatchObject({ name: '', sizeGb: 0, state: StorageVolumeState.AVAILABLE, attachedTo: undefined });
    expect(v.extra.bootable).toBe(false);
    const s = toSnapshot(
      { id: 's1', name: 'snap', volume_id: 'v2', size: 5, status: 'available', progress: '100%', created_at: '2026-01-01T00:00:00Z' },
      driver,
    );
    expect(s).toMatchObject({ id: 's1', name: 'snap', sourceId: 'v2', sizeGb: 5, state: 'available' });
    expect(s.extra).toMatchObject({ status: 'available', progress: '100%' });
    expect(s.created?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
