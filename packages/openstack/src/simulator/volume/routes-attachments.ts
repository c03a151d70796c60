/**
 * Nova's `os-volume_attachments` under `/compute/v2.1/servers/{server_id}`: list, show, attach (Nova reserves
 * the Cinder volume and connects it), detach. Nova's auth, microversion and headers come from the compute
 * simulator's `nova()` wrapper; the attachment records live in the volume store.
 * @module
 */
import { parseJsonBody, type Router } from '@cloudmux/core/testing';
import { obj, str } from '../json.js';
import type { SimulatorWorld } from '../world.js';
import { novaError } from '../compute/errors.js';
import { empty, nova, ok, type NovaCall } from '../compute/handler.js';
import type { SimServer } from '../compute/model.js';
import { volumeStore } from './store.js';

/** vm_states in which Nova attaches and detaches volumes. */
const ATTACHABLE = new Set(['active', 'stopped', 'paused', 'suspended', 'resized', 'shelved', 'shelved_offloaded']);

function server(c: NovaCall, action: string): SimServer {
  const s = c.store.server(c.token.project.id, c.params.server_id ?? '');
  if (!ATTACHABLE.has(s.vmState) || s.taskState === 'deleting')
    novaError(
      409,
      `Cannot '${action}' instance ${s.id} while it is in ${s.taskState === 'deleting' ? 'task_state deleting' : `vm_state ${s.vmState}`}`,
    );
  return s;
}

function view(serverId: string, volumeId: string, device: string): Record<string, unknown> {
  return { id: volumeId, serverId, volumeId, device };
}

/** The next free `/dev/vdX` of a server (`/dev/vda` is the root disk). */
function nextDevice(used: ReadonlySet<string>): string {
  for (const c of 'bcdefghijklmnopqrstuvwxyz') if (!used.has(`/dev/vd${c}`)) return `/dev/vd${c}`;
  return novaError(400, 'No free disk device names for prefix vd');
}

/** Adds Nova's `os-volume_attachments` routes. */
export function registerVolumeAttachmentRoutes(router: Router, world: SimulatorWorld): void {
  const p = '/compute/v2.1/servers/:server_id/os-volume_attachments';
  router.add(
    'GET',
    p,
    nova(world, (c) => {
      const s = c.store.server(c.token.project.id, c.params.server_id ?? '');
      const list = volumeStore(world).attachmentsOfServer(s.id);
      return ok(200, { volumeAttachments: list.map((x) => view(s.id, x.volume.id, x.attachment.device)) });
    }),
  );
  router.add(
    'GET',
    `${p}/:volume_id`,
    nova(world, (c) => {
      const s = c.store.server(c.token.project.id, c.params.server_id ?? '');
      const hit = volumeStore(world)
        .attachmentsOfServer(s.id)
        .find((x) => x.volume.id === c.params.volume_id);
      if (!hit) novaError(404, `volume_id not found: ${c.params.volume_id ?? ''}`);
      return ok(200, { volumeAttachment: view(s.id, hit.volume.id, hit.attachment.device) });
    }),
  );
  router.add(
    'POST',
    p,
    nova(world, (c) => {
      const body = obj(obj(parseJsonBody(c.req))?.volumeAttachment);
      if (!body) novaError(400, "Invalid input for field/attribute volumeAttachment. Value: None. None is not of type 'object'");
      const volumeId = str(body.volumeId);
      if (volumeId === undefined) novaError(400, "Invalid input for field/attribute volumeAttachment. 'volumeId' is a required property");
      const device = body.device === undefined || body.device === null ? undefined : str(body.device);
      if (device !== undefined && !/^\/dev\/[a-z]+[a-z0-9]*$/.test(device))
        novaError(
          400,
          `Invalid input for field/attribute device. Value: ${device}. '${device}' does not match '(^/dev/x{0,1}[a-z]{0,1}d{0,1})([a-z]+)[0-9]*$'`,
        );
      const s = server(c, 'attach_volume');
      const volumes = volumeStore(world);
      const v = volumes.projectVolumes(c.token.project.id).find((x) => x.id === volumeId);
      if (!v) novaError(404, `Volume ${volumeId} could not be found.`);
      const used = new Set(volumes.attachmentsOfServer(s.id).map((x) => x.attachment.device));
      if (device !== undefined && used.has(device)) novaError(400, `The supplied device path (${device}) is in use.`);
      if (v.attachments.some((a) => a.serverId === s.id))
        novaError(400, `Invalid volume: volume ${v.id} is already attached to instance ${s.id}`);
      const a = volumes.attach(v, s.id, device ?? nextDevice(used));
      if (!s.volumesAttached.some((x) => x.id === v.id)) s.volumesAttached.push({ id: v.id, deleteOnTermination: false });
      return ok(200, { volumeAttachment: view(s.id, v.id, a.device) });
    }),
  );
  router.add(
    'DELETE',
    `${p}/:volume_id`,
    nova(world, (c) => {
      const s = server(c, 'detach_volume');
      const volumes = volumeStore(world);
      const hit = volumes.attachmentsOfServer(s.id).find((x) => x.volume.id === c.params.volume_id);
      if (!hit) novaError(404, `volume_id not found: ${c.params.volume_id ?? ''}`);
      volumes.detach(hit.volume, s.id);
      s.volumesAttached = s.volumesAttached.filter((x) => x.id !== hit.volume.id);
      return empty(202);
    }),
  );
}
