import { randomUUID } from 'node:crypto';
import { jsonReply, type Router, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { basicUser, unauthorized } from './auth.js';
import type { SimulatedUser } from './options.js';
import type { SimDisk, SimState } from './state.js';

/** Most VMs one disk may be mounted on. */
export const MAX_MOUNTS = 10;

const err = (status: number, message: string): SimulatorReply => jsonReply(status, { message, code: status });

function form(req: SimulatorRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString('utf8'));
}

function summary(d: SimDisk): Record<string, string> {
  return { uuid: d.uuid, tag: d.tag, count: String(d.mounts.size), owner: d.owner, identifier: d.identifier, size: String(d.sizeGb) };
}

/**
 * Adds PDisk's password-context routes (`/pswd/disks/…`, HTTP Basic, JSON with string values,
 * form-encoded bodies) to `router`. Paths work with and without the trailing slash.
 */
export function addPdiskRoutes(router: Router, state: SimState, users: readonly SimulatedUser[]): void {
  type H = (req: SimulatorRequest, params: Record<string, string>, user: SimulatedUser) => SimulatorReply;
  const authed =
    (h: H) =>
    (req: SimulatorRequest, params: Record<string, string>): SimulatorReply => {
      const user = basicUser(req, users);
      return user ? h(req, params, user) : unauthorized();
    };
  const visible = (uuid: string | undefined, user: SimulatedUser): SimDisk | undefined => {
    const d = uuid ? state.disks.get(uuid) : undefined;
    return d && (d.visibility === 'public' || d.owner === user.username) ? d : undefined;
  };

  router.add(
    'GET',
    '/pswd/disks',
    authed((_req, _p, user) =>
      jsonReply(200, [...state.disks.values()].filter((d) => d.visibility === 'public' || d.owner === user.username).map(summary)),
    ),
  );
  router.add(
    'POST',
    '/pswd/disks',
    authed((req, _p, user) => {
      const f = form(req);
      const size = f.get('size') ?? '';
      if (!/^\d+$/.test(size) || Number(size) < 1 || Number(size) > 1024) return err(400, 'Size must be an integer between 1 and 1024');
      const visibility = f.get('visibility') ?? 'private';
      if (visibility !== 'private' && visibility !== 'public') return err(400, `invalid visibility: ${visibility}`);
      const uuid = randomUUID();
      state.disks.set(uuid, {
        uuid,
        owner: user.username,
        tag: f.get('tag') ?? '',
        sizeGb: Number(size),
        visibility,
        identifier: '',
        mounts: new Map(),
      });
      return jsonReply(201, { uuid });
    }),
  );
  router.add(
    'GET',
    '/pswd/disks/:uuid',
    authed((_req, p, user) => {
      const d = visible(p['uuid'], user);
      if (!d) return err(404, `disk (${p['uuid'] ?? ''}) does not exist`);
      return jsonReply(200, { ...summary(d), quarantine: '', type: 'DATA_IMAGE_RAW_READWRITE', visibility: d.visibility });
    }),
  );
  router.add(
    'DELETE',
    '/pswd/disks/:uuid',
    authed((_req, p, user) => {
      const d = visible(p['uuid'], user);
      if (!d) return err(404, `disk (${p['uuid'] ?? ''}) does not exist`);
      if (d.owner !== user.username) return err(403, 'insufficient rights to delete disk');
      if (d.mounts.size > 0) return err(409, `disk (${d.uuid}) is in use and can't be deleted`);
      state.disks.delete(d.uuid);
      return jsonReply(200, { uuid: d.uuid });
    }),
  );
  router.add(
    'GET',
    '/pswd/disks/:uuid/mounts',
    authed((_req, p, user) => {
      const d = visible(p['uuid'], user);
      if (!d) return err(404, `disk (${p['uuid'] ?? ''}) does not exist`);
      return jsonReply(
        200,
        [...d.mounts].map(([vmId, device]) => ({ vmId: String(vmId), device })),
      );
    }),
  );
  router.add(
    'POST',
    '/pswd/disks/:uuid/mounts',
    authed((req, p, user) => {
      const d = visible(p['uuid'], user);
      if (!d) return err(404, `disk (${p['uuid'] ?? ''}) does not exist`);
      const f = form(req);
      const node = f.get('node');
      const vmId = f.get('vm_id');
      if (!node || !vmId) return err(400, 'missing node or vm_id');
      if (!/^\d+$/.test(vmId)) return err(400, `invalid vm_id: ${vmId}`);
      if (d.mounts.has(Number(vmId))) return err(403, `Mount already exists for ${d.uuid} on VM ${vmId}`);
      if (d.mounts.size >= MAX_MOUNTS) return err(403, `disk (${d.uuid}) is already mounted ${MAX_MOUNTS} times`);
      const target = `vd${String.fromCharCode(0x63 + d.mounts.size)}`;
      d.mounts.set(Number(vmId), target);
      return jsonReply(200, { node, vm_id: vmId, target, uuid: [d.uuid] });
    }),
  );
  router.add(
    'DELETE',
    '/pswd/disks/:uuid/mounts/:mountId',
    authed((_req, p, user) => {
      const d = visible(p['uuid'], user);
      if (!d) return err(404, `disk (${p['uuid'] ?? ''}) does not exist`);
      const m = /^(.+)_(\d+)$/.exec(p['mountId'] ?? '');
      const vmId = m && m[1] === d.uuid ? Number(m[2]) : NaN;
      const target = d.mounts.get(vmId);
      if (target === undefined) return err(404, `mount (${p['mountId'] ?? ''}) does not exist`);
      d.mounts.delete(vmId);
      return jsonReply(200, { diskId: d.uuid, mountId: p['mountId'], vmId: String(vmId), target });
    }),
  );
}
