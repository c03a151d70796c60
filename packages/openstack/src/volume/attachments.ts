/**
 * Attaching and detaching Cinder volumes through Nova's `os-volume_attachments` (Nova reserves the volume,
 * connects it and moves it `reserved` → `attaching` → `in-use`; detaching goes `detaching` → `available`).
 * @module
 */
import { requireRefId, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { AttachVolumeOptions, Ref, StorageVolume } from '@cloudmux/core/compute';
import type { VolumeContext } from './context.js';
import { getVolume, seg } from './volumes.js';
import type { NovaVolumeAttachmentWire } from './wire.js';

/** Attaches a volume to `options.node` (`POST /servers/{id}/os-volume_attachments`); `device` is a hint (`/dev/vdb`). */
export async function attachVolume(ctx: VolumeContext, volume: Ref<StorageVolume>, options: AttachVolumeOptions): Promise<boolean> {
  const provider = ctx.volume.provider;
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError('attachVolume: options with the node to attach to are required', { provider });
  const volumeId = requireRefId(volume, 'volume', { method: 'attachVolume', provider, what: 'volume id' });
  const serverId = requireRefId(options.node, 'node', { method: 'attachVolume', provider, what: 'server id' });
  const volumeAttachment: Record<string, string> = { volumeId };
  if (options.device !== undefined) {
    if (typeof options.device !== 'string' || !options.device.startsWith('/dev/'))
      throw new InvalidArgumentError(`attachVolume: device must be a path under /dev/ (e.g. /dev/vdb), got ${String(options.device)}`, {
        provider,
      });
    volumeAttachment.device = options.device;
  }
  const res = await ctx.compute.request<{ volumeAttachment?: NovaVolumeAttachmentWire }>({
    method: 'POST',
    path: `servers/${seg(serverId)}/os-volume_attachments`,
    json: { volumeAttachment },
    signal: options.signal,
    errorContext: { action: `attach volume ${volumeId} to server ${serverId}` },
  });
  return res.body.volumeAttachment?.volumeId === volumeId;
}

/** Options of `detachVolume` for OpenStack. */
export interface OpenStackDetachVolumeOptions extends CallOptions {
  /** For a multiattach volume: detach from this server only (default: from every server it is attached to). */
  node?: Ref<{ id: string }> | undefined;
}

/**
 * Detaches a volume (`DELETE /servers/{server}/os-volume_attachments/{volume}` for each server it is attached
 * to). A volume attached nowhere is an `InvalidArgumentError`.
 */
export async function detachVolume(
  ctx: VolumeContext,
  volume: Ref<StorageVolume>,
  options: OpenStackDetachVolumeOptions = {},
): Promise<boolean> {
  const provider = ctx.volume.provider;
  const volumeId = requireRefId(volume, 'volume', { method: 'detachVolume', provider, what: 'volume id' });
  const only =
    options.node === undefined ? undefined : requireRefId(options.node, 'node', { method: 'detachVolume', provider, what: 'server id' });
  const current = await getVolume(ctx, volumeId, options);
  const servers = [...new Set(current.extra.attachments.map((a) => a.serverId))].filter((s) => only === undefined || s === only);
  if (servers.length === 0)
    throw new InvalidArgumentError(
      `detachVolume: volume ${volumeId} is not attached${only !== undefined ? ` to server ${only}` : ''} (status ${current.extra.status})`,
      { provider },
    );
  for (const serverId of servers) {
    await ctx.compute.request({
      method: 'DELETE',
      path: `servers/${seg(serverId)}/os-volume_attachments/${seg(volumeId)}`,
      signal: options.signal,
      errorContext: { action: `detach volume ${volumeId} from server ${serverId}` },
    });
  }
  return true;
}
