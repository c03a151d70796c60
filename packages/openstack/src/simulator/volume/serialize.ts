/**
 * Cinder's JSON views of simulated volumes and snapshots.
 * @module
 */
import type { SimSnapshot, SimVolume } from './model.js';

/** Cinder's timestamp format (`2026-01-01T00:00:00.000000`, UTC without zone). */
export function cinderTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000');
}

function links(base: string, kind: string, id: string): { rel: string; href: string }[] {
  return [
    { rel: 'self', href: `${base}/${kind}/${id}` },
    { rel: 'bookmark', href: `${base.replace('/v3/', '/')}/${kind}/${id}` },
  ];
}

/** A volume's summary (`GET /volumes`). */
export function volumeSummary(v: SimVolume, base: string): Record<string, unknown> {
  return { id: v.id, name: v.name, links: links(base, 'volumes', v.id) };
}

/** A volume's detail (`GET /volumes/detail`, `GET /volumes/{id}`, `POST /volumes`). */
export function volumeDetail(v: SimVolume, base: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: v.id,
    name: v.name,
    description: v.description,
    size: v.size,
    status: v.status,
    availability_zone: v.availabilityZone,
    volume_type: v.volumeType,
    bootable: v.bootable ? 'true' : 'false',
    encrypted: false,
    multiattach: false,
    snapshot_id: v.snapshotId,
    source_volid: v.sourceVolid,
    consistencygroup_id: null,
    replication_status: null,
    user_id: v.userId,
    created_at: cinderTime(v.created),
    updated_at: cinderTime(v.updated),
    metadata: { ...v.metadata },
    attachments: v.attachments.map((a) => ({
      id: v.id,
      attachment_id: a.id,
      volume_id: v.id,
      server_id: a.serverId,
      host_name: null,
      device: a.device,
      attached_at: cinderTime(a.attachedAt),
    })),
    links: links(base, 'volumes', v.id),
  };
  if (v.imageId !== null) out.volume_image_metadata = { image_id: v.imageId };
  return out;
}

/** A snapshot's view (summary and detail alike, as in Cinder). */
export function snapshotView(s: SimSnapshot): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    volume_id: s.volumeId,
    size: s.size,
    status: s.status,
    progress: s.status === 'available' ? '100%' : '0%',
    created_at: cinderTime(s.created),
    updated_at: cinderTime(s.updated),
    metadata: { ...s.metadata },
  };
}
