/**
 * Pure mapper: Glance image JSON → {@link NodeImage}.
 * @module
 */
import { NodeImage, type NodeDriver } from '@cloudmux/core/compute';
import type { GlanceImage } from './wire.js';

/** `image.extra` of a Glance image. */
export interface OpenStackImageExtra {
  /** `queued`, `saving`, `active`, `killed`, `deleted`, `pending_delete`, `deactivated`, `uploading`, `importing`. */
  status: string | undefined;
  /** `public`, `private`, `shared`, `community`. */
  visibility: string | undefined;
  /** Owner project id. */
  owner: string | undefined;
  /** Tags. */
  tags: readonly string[];
  /** Disk format (`qcow2`, `raw`…). */
  diskFormat: string | undefined;
  /** Container format (`bare`…). */
  containerFormat: string | undefined;
  /** Minimum disk (GB). */
  minDiskGb: number;
  /** Minimum RAM (MB). */
  minRamMb: number;
  /** Size in bytes, once uploaded. */
  sizeBytes: number | undefined;
  /** Protected from deletion. */
  protected: boolean;
  /** Creation and update times. */
  created: Date | undefined;
  /** Last update. */
  updated: Date | undefined;
  /** Custom properties (`os_distro`, `image_type`, `instance_uuid`…). */
  properties: Readonly<Record<string, string>>;
}

const CORE = new Set([
  'id',
  'name',
  'status',
  'visibility',
  'owner',
  'tags',
  'container_format',
  'disk_format',
  'min_disk',
  'min_ram',
  'size',
  'virtual_size',
  'checksum',
  'protected',
  'created_at',
  'updated_at',
  'self',
  'file',
  'schema',
  'os_hidden',
  'os_hash_algo',
  'os_hash_value',
  'locations',
  'direct_url',
]);

function date(v: unknown): Date | undefined {
  if (typeof v !== 'string') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** A Glance image as a {@link NodeImage}. */
export function toImage(i: GlanceImage, driver: NodeDriver): NodeImage<OpenStackImageExtra> {
  const properties: Record<string, string> = {};
  for (const [k, v] of Object.entries(i)) if (!CORE.has(k) && typeof v === 'string') properties[k] = v;
  return new NodeImage<OpenStackImageExtra>(
    {
      id: i.id,
      name: i.name ?? '',
      extra: {
        status: i.status,
        visibility: i.visibility,
        owner: i.owner ?? undefined,
        tags: Object.freeze([...(i.tags ?? [])]),
        diskFormat: i.disk_format ?? undefined,
        containerFormat: i.container_format ?? undefined,
        minDiskGb: i.min_disk ?? 0,
        minRamMb: i.min_ram ?? 0,
        sizeBytes: i.size ?? undefined,
        protected: i.protected === true,
        created: date(i.created_at),
        updated: date(i.updated_at),
        properties: Object.freeze(properties),
      },
    },
    driver,
  );
}
