/**
 * Provider data of Cinder volumes and snapshots (`extra`) and the `ex` options of the volume calls.
 * @module
 */

/** One attachment of a Cinder volume to a server. */
export interface OpenStackVolumeAttachment {
  /** Server (node) id. */
  readonly serverId: string;
  /** Cinder attachment id, when the cloud reports it. */
  readonly attachmentId: string | undefined;
  /** Device on the server (`/dev/vdb`), when known. */
  readonly device: string | undefined;
  /** When it was attached. */
  readonly attachedAt: Date | undefined;
}

/** `extra` of an OpenStack {@link StorageVolume}. */
export interface OpenStackVolumeExtra {
  /** Cinder status as sent (`available`, `in-use`, `backing-up`…). */
  readonly status: string;
  /** Description. */
  readonly description: string | undefined;
  /** Availability zone. */
  readonly availabilityZone: string | undefined;
  /** Volume type name. */
  readonly volumeType: string | undefined;
  /** Whether the volume can boot a server. */
  readonly bootable: boolean;
  /** Whether it is encrypted. */
  readonly encrypted: boolean;
  /** Whether it can be attached to several servers. */
  readonly multiattach: boolean;
  /** Snapshot it was created from. */
  readonly snapshotId: string | undefined;
  /** Volume it was cloned from. */
  readonly sourceVolumeId: string | undefined;
  /** Image it was created from (`volume_image_metadata.image_id`). */
  readonly imageId: string | undefined;
  /** Creation time. */
  readonly created: Date | undefined;
  /** User metadata. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Attachments (several only for multiattach volumes). */
  readonly attachments: readonly OpenStackVolumeAttachment[];
}

/** `extra` of an OpenStack {@link VolumeSnapshot}. */
export interface OpenStackSnapshotExtra {
  /** Cinder status as sent (`creating`, `available`…). */
  readonly status: string;
  /** Description. */
  readonly description: string | undefined;
  /** Progress (`100%`), when reported. */
  readonly progress: string | undefined;
  /** User metadata. */
  readonly metadata: Readonly<Record<string, string>>;
}

/** OpenStack extensions of `createVolume` (`ex`). */
export interface OpenStackCreateVolumeEx {
  /** Volume type name or id (default: the cloud's default type). */
  volumeType?: string | undefined;
  /** Description. */
  description?: string | undefined;
  /** Create from this Glance image (a bootable volume). */
  imageId?: string | undefined;
  /** Clone this volume. */
  sourceVolumeId?: string | undefined;
  /** User metadata. */
  metadata?: Readonly<Record<string, string>> | undefined;
}

/** OpenStack extensions of `createVolumeSnapshot` (`ex`). */
export interface OpenStackCreateVolumeSnapshotEx {
  /** Description. */
  description?: string | undefined;
  /** Snapshot an attached (in-use) volume (Cinder `force`). */
  force?: boolean | undefined;
  /** User metadata. */
  metadata?: Readonly<Record<string, string>> | undefined;
}
