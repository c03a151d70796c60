/**
 * Pure mappers: Cinder wire objects → core `StorageVolume` / `VolumeSnapshot`.
 * @module
 */
import { StorageVolume, VolumeSnapshot, type NodeDriver } from '@cloudmux/core/compute';
import { toSnapshotState, toVolumeState } from './state-map.js';
import type { OpenStackSnapshotExtra, OpenStackVolumeAttachment, OpenStackVolumeExtra } from './types.js';
import type { CinderAttachmentWire, CinderSnapshotWire, CinderVolumeWire } from './wire.js';

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A date from an OpenStack timestamp (`2026-01-01T00:00:00.000000`, UTC even without a zone). */
export function toDate(v: unknown): Date | undefined {
  const s = text(v);
  if (s === undefined) return undefined;
  const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) if (typeof val === 'string') out[k] = val;
  return out;
}

function toAttachment(a: CinderAttachmentWire): OpenStackVolumeAttachment | undefined {
  const serverId = text(a.server_id);
  if (serverId === undefined) return undefined;
  return {
    serverId,
    attachmentId: text(a.attachment_id) ?? text(a.id),
    device: text(a.device),
    attachedAt: toDate(a.attached_at),
  };
}

/** A Cinder volume as a {@link StorageVolume}; `attachedTo` is the first attachment's server. */
export function toVolume(v: CinderVolumeWire, driver: NodeDriver): StorageVolume<OpenStackVolumeExtra> {
  const attachments = (Array.isArray(v.attachments) ? v.attachments : [])
    .map(toAttachment)
    .filter((a): a is OpenStackVolumeAttachment => a !== undefined);
  const status = text(v.status) ?? 'unknown';
  const extra: OpenStackVolumeExtra = {
    status,
    description: text(v.description),
    availabilityZone: text(v.availability_zone),
    volumeType: text(v.volume_type),
    bootable: v.bootable === true || v.bootable === 'true',
    encrypted: v.encrypted === true,
    multiattach: v.multiattach === true,
    snapshotId: text(v.snapshot_id),
    sourceVolumeId: text(v.source_volid),
    imageId: text(v.volume_image_metadata?.image_id),
    created: toDate(v.created_at),
    metadata: strings(v.metadata),
    attachments,
  };
  return new StorageVolume<OpenStackVolumeExtra>(
    {
      id: v.id,
      name: text(v.name) ?? '',
      sizeGb: typeof v.size === 'number' ? v.size : 0,
      state: toVolumeState(status, attachments.length > 0),
      attachedTo: attachments[0]?.serverId,
      extra,
    },
    driver,
  );
}

/** A Cinder snapshot as a {@link VolumeSnapshot}; `state` is a {@link SnapshotState} value. */
export function toSnapshot(s: CinderSnapshotWire, driver: NodeDriver): VolumeSnapshot<OpenStackSnapshotExtra> {
  const status = text(s.status) ?? 'unknown';
  return new VolumeSnapshot<OpenStackSnapshotExtra>(
    {
      id: s.id,
      name: text(s.name),
      sizeGb: typeof s.size === 'number' ? s.size : undefined,
      sourceId: text(s.volume_id),
      state: toSnapshotState(status),
      created: toDate(s.created_at),
      extra: { status, description: text(s.description), progress: text(s.progress), metadata: strings(s.metadata) },
    },
    driver,
  );
}
