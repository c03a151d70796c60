/**
 * Cinder v3 and Nova `os-volume_attachments` wire types (the fields cloudmux reads or sends).
 * @module
 */

/** One attachment inside a Cinder volume (`attachments[]`). */
export interface CinderAttachmentWire {
  server_id?: string;
  attachment_id?: string;
  id?: string;
  volume_id?: string;
  device?: string | null;
  host_name?: string | null;
  attached_at?: string | null;
}

/** A Cinder volume (`GET /volumes/detail`, `GET /volumes/{id}`, `POST /volumes`). */
export interface CinderVolumeWire {
  id: string;
  name?: string | null;
  size?: number;
  status?: string;
  description?: string | null;
  availability_zone?: string | null;
  volume_type?: string | null;
  bootable?: string | boolean;
  encrypted?: boolean;
  multiattach?: boolean;
  snapshot_id?: string | null;
  source_volid?: string | null;
  created_at?: string;
  updated_at?: string | null;
  metadata?: Record<string, string>;
  volume_image_metadata?: Record<string, string>;
  attachments?: CinderAttachmentWire[];
}

/** A Cinder snapshot (`GET /snapshots/detail`, `POST /snapshots`). */
export interface CinderSnapshotWire {
  id: string;
  name?: string | null;
  description?: string | null;
  volume_id?: string;
  size?: number;
  status?: string;
  progress?: string;
  created_at?: string;
  updated_at?: string | null;
  metadata?: Record<string, string>;
}

/** A `<items>_links` entry. */
export interface LinkWire {
  href: string;
  rel: string;
}

/** `GET /volumes/detail` body. */
export interface CinderVolumeListWire {
  volumes?: CinderVolumeWire[];
  volumes_links?: LinkWire[];
}

/** `GET /snapshots/detail` body. */
export interface CinderSnapshotListWire {
  snapshots?: CinderSnapshotWire[];
  snapshots_links?: LinkWire[];
}

/** `POST /volumes` body. */
export interface CinderCreateVolumeWire {
  volume: {
    size: number;
    name: string;
    description?: string;
    volume_type?: string;
    availability_zone?: string;
    snapshot_id?: string;
    source_volid?: string;
    imageRef?: string;
    metadata?: Record<string, string>;
  };
}

/** Nova's `volumeAttachment` (`POST /servers/{id}/os-volume_attachments`). */
export interface NovaVolumeAttachmentWire {
  id?: string;
  serverId?: string;
  volumeId?: string;
  device?: string | null;
}
