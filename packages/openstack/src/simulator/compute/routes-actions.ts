/**
 * Nova server actions (`POST /servers/{id}/action`): reboot, os-start, os-stop, resize, confirmResize,
 * revertResize, rebuild, createImage, os-getConsoleOutput, rescue, unrescue — each checked against vm_state/task_state
 * (409 `conflictingRequest` in the wrong state) and moved through its states over time.
 * @module
 */
import { parseJsonBody, type Router } from '@cloudmux/core/testing';
import { obj, str } from '../json.js';
import { imageStore } from '../image/store.js';
import type { SimulatorWorld } from '../world.js';
import { novaError } from './errors.js';
import { empty, nova, ok, type NovaCall } from './handler.js';
import { atLeast } from './microversion.js';
import type { SimServer, SimVmState } from './model.js';
import { serializeServer } from './serialize-server.js';
import { NOVA_TIMINGS } from './store.js';

function requireState(s: SimServer, action: string, states: readonly SimVmState[], tasks: readonly (string | null)[] = [null]): void {
  if (!tasks.includes(s.taskState))
    novaError(409, `Cannot '${action}' instance ${s.id} while it is in task_state ${s.taskState ?? 'None'}`);
  if (!states.includes(s.vmState)) novaError(409, `Cannot '${action}' instance ${s.id} while it is in vm_state ${s.vmState}`);
}

const ACTIVE = { vmState: 'active', powerState: 1, taskState: null, statusOverride: undefined } as const;

function action(c: NovaCall): ReturnType<typeof ok> {
  const s = c.store.server(c.token.project.id, c.params.id!);
  const body = obj(parseJsonBody(c.req));
  const keys = body ? Object.keys(body) : [];
  if (!body || keys.length !== 1) novaError(400, 'Malformed request body');
  const name = keys[0]!;
  const arg = body[name];
  const a = obj(arg) ?? {};
  switch (name) {
    case 'reboot': {
      const type = str(a.type)?.toUpperCase();
      if (type !== 'SOFT' && type !== 'HARD')
        novaError(
          400,
          "Invalid input for field/attribute type. Value: None. 'None' is not one of ['HARD', 'Hard', 'hard', 'SOFT', 'Soft', 'soft']",
        );
      if (type === 'SOFT') requireState(s, 'reboot', ['active']);
      else
        requireState(
          s,
          'reboot',
          ['active', 'stopped', 'paused', 'suspended', 'error'],
          [null, 'rebooting', 'reboot_pending', 'reboot_started'],
        );
      c.store.transition(
        s,
        { statusOverride: type === 'SOFT' ? 'REBOOT' : 'HARD_REBOOT', taskState: type === 'SOFT' ? 'rebooting' : 'rebooting_hard' },
        NOVA_TIMINGS.reboot,
        ACTIVE,
      );
      return empty(202);
    }
    case 'os-stop':
      requireState(s, 'stop', ['active', 'rescued', 'error']);
      c.store.transition(s, { taskState: 'powering-off' }, NOVA_TIMINGS.stop, { vmState: 'stopped', powerState: 4, taskState: null });
      return empty(202);
    case 'os-start':
      requireState(s, 'start', ['stopped']);
      c.store.transition(s, { taskState: 'powering-on' }, NOVA_TIMINGS.start, ACTIVE);
      return empty(202);
    case 'resize': {
      const ref = str(typeof a.flavorRef === 'number' ? String(a.flavorRef) : a.flavorRef);
      const flavor = ref === undefined ? undefined : c.store.flavors.get(ref.replace(/^.*\//, ''));
      if (!flavor) novaError(400, 'Invalid flavorRef provided.');
      requireState(s, 'resize', ['active', 'stopped']);
      if (flavor.id === s.flavorId) novaError(400, 'When resizing, instances must change flavor!');
      c.store.transition(s, { statusOverride: 'RESIZE', taskState: 'resize_prep' }, NOVA_TIMINGS.resize, {
        vmState: 'resized',
        taskState: null,
        statusOverride: undefined,
        oldFlavorId: s.flavorId,
        flavorId: flavor.id,
      });
      return empty(202);
    }
    case 'confirmResize':
      requireState(s, 'confirmResize', ['resized']);
      Object.assign(s, ACTIVE, { oldFlavorId: undefined, updated: c.world.now() });
      return empty(204);
    case 'revertResize': {
      requireState(s, 'revertResize', ['resized']);
      const old = s.oldFlavorId ?? s.flavorId;
      c.store.transition(s, { statusOverride: 'REVERT_RESIZE', taskState: 'resize_reverting' }, NOVA_TIMINGS.revert, {
        ...ACTIVE,
        flavorId: old,
        oldFlavorId: undefined,
      });
      return empty(202);
    }
    case 'rebuild': {
      const imageRef = str(a.imageRef)?.replace(/^.*\//, '');
      if (imageRef === undefined || !imageStore(c.world).get(imageRef)) novaError(400, `Image ${imageRef ?? 'None'} could not be found.`);
      requireState(s, 'rebuild', ['active', 'stopped', 'error']);
      const during: Partial<SimServer> = { statusOverride: 'REBUILD', taskState: 'rebuilding', imageId: imageRef, fault: undefined };
      if (str(a.name) !== undefined) during.name = str(a.name)!;
      if (obj(a.metadata)) during.metadata = Object.fromEntries(Object.entries(obj(a.metadata)!).map(([k, v]) => [k, String(v)]));
      c.store.transition(s, during, NOVA_TIMINGS.rebuild, ACTIVE);
      return ok(202, { server: serializeServer(c, s) });
    }
    case 'createImage': {
      const imageName = str(a.name);
      if (imageName === undefined)
        novaError(400, "Invalid input for field/attribute createImage. Value: {}. 'name' is a required property");
      requireState(s, 'createImage', ['active', 'stopped', 'paused', 'suspended']);
      const images = imageStore(c.world);
      const props = Object.fromEntries(Object.entries(obj(a.metadata) ?? {}).map(([k, v]) => [k, String(v)]));
      const image = images.add({
        name: imageName,
        status: 'queued',
        visibility: 'private',
        owner: c.token.project.id,
        properties: { ...props, image_type: 'snapshot', instance_uuid: s.id, user_id: c.token.user.id },
      });
      c.store.transition(s, { taskState: 'image_snapshot' }, NOVA_TIMINGS.snapshot, { taskState: null });
      c.world.schedule(NOVA_TIMINGS.snapshot / 2, () => {
        if (image.status === 'queued') image.status = 'saving';
      });
      c.world.schedule(NOVA_TIMINGS.snapshot, () => {
        if (image.status === 'saving' || image.status === 'queued') {
          image.status = 'active';
          image.updatedAt = c.world.now();
        }
      });
      const location = { location: `${c.world.url}/image/v2/images/${image.id}` };
      return atLeast(c.version, 2, 45) ? ok(202, { image_id: image.id }) : { ...empty(202), headers: location };
    }
    case 'rescue': {
      if (arg !== null && obj(arg) === undefined)
        novaError(
          400,
          `Invalid input for field/attribute rescue. Value: ${JSON.stringify(arg)}. ${JSON.stringify(arg)} is not of type 'object', 'null'`,
        );
      const ref = str(a.rescue_image_ref);
      if (ref !== undefined && !imageStore(c.world).get(ref)) novaError(400, `Image ${ref} could not be found.`);
      const given = a.adminPass;
      if (given !== undefined && typeof given !== 'string') novaError(400, 'Invalid input for field/attribute adminPass.');
      requireState(s, 'rescue', ['active', 'stopped', 'error']);
      c.store.transition(s, { taskState: 'rescuing' }, NOVA_TIMINGS.rescue, { vmState: 'rescued', powerState: 1, taskState: null });
      return ok(200, { adminPass: given ?? c.world.newId().replace(/-/g, '').slice(0, 12) });
    }
    case 'unrescue':
      requireState(s, 'unrescue', ['rescued']);
      c.store.transition(s, { taskState: 'unrescuing' }, NOVA_TIMINGS.unrescue, ACTIVE);
      return empty(202);
    case 'os-getConsoleOutput': {
      if (s.vmState === 'building') novaError(409, `Instance ${s.id} is not ready yet: guest does not have a console available.`);
      const length = a.length === undefined || a.length === null ? undefined : Number(a.length);
      const lines = s.console;
      return ok(200, {
        output: (length === undefined || length < 0 ? lines : lines.slice(-length)).join('\n') + (lines.length > 0 ? '\n' : ''),
      });
    }
    default:
      return novaError(400, `There is no such action: ${name}`);
  }
}

/** Adds the server action, metadata and tag routes. */
export function registerServerActionRoutes(router: Router, world: SimulatorWorld): void {
  const p = '/compute/v2.1/servers/:id';
  router.add('POST', `${p}/action`, nova(world, action));
  const server = (c: NovaCall): SimServer => c.store.server(c.token.project.id, c.params.id!);
  const metaMap = (v: unknown, key: string): Record<string, string> => {
    const o = obj(obj(v)?.[key]);
    if (!o) novaError(400, `Malformed request body: ${key} is required`);
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(o)) {
      if (typeof val !== 'string' || k === '' || k.length > 255 || val.length > 255)
        novaError(400, `Invalid input for field/attribute ${key}.`);
      out[k] = val;
    }
    return out;
  };
  router.add(
    'GET',
    `${p}/metadata`,
    nova(world, (c) => ok(200, { metadata: { ...server(c).metadata } })),
  );
  router.add(
    'POST',
    `${p}/metadata`,
    nova(world, (c) => {
      const s = server(c);
      Object.assign(s.metadata, metaMap(parseJsonBody(c.req), 'metadata'));
      return ok(200, { metadata: { ...s.metadata } });
    }),
  );
  router.add(
    'PUT',
    `${p}/metadata`,
    nova(world, (c) => {
      const s = server(c);
      s.metadata = metaMap(parseJsonBody(c.req), 'metadata');
      return ok(200, { metadata: { ...s.metadata } });
    }),
  );
  router.add(
    'GET',
    `${p}/metadata/:key`,
    nova(world, (c) => {
      const v = server(c).metadata[c.params.key!];
      if (v === undefined) novaError(404, 'Metadata item was not found');
      return ok(200, { meta: { [c.params.key!]: v } });
    }),
  );
  router.add(
    'PUT',
    `${p}/metadata/:key`,
    nova(world, (c) => {
      const s = server(c);
      const meta = metaMap(parseJsonBody(c.req), 'meta');
      const keys = Object.keys(meta);
      if (keys.length !== 1 || keys[0] !== c.params.key) novaError(400, 'Request body and URI mismatch');
      Object.assign(s.metadata, meta);
      return ok(200, { meta });
    }),
  );
  router.add(
    'DELETE',
    `${p}/metadata/:key`,
    nova(world, (c) => {
      const s = server(c);
      if (!(c.params.key! in s.metadata)) novaError(404, 'Metadata item was not found');
      delete s.metadata[c.params.key!];
      return empty(204);
    }),
  );
  const tagged = (c: NovaCall): SimServer => {
    if (!atLeast(c.version, 2, 26)) novaError(404, 'The resource could not be found.');
    return server(c);
  };
  const checkTag = (t: unknown): string => {
    if (typeof t !== 'string' || t === '' || t.length > 60 || /[,/]/.test(t))
      novaError(400, `Invalid input for field/attribute tags. Value: ${String(t)}.`);
    return t;
  };
  router.add(
    'GET',
    `${p}/tags`,
    nova(world, (c) => ok(200, { tags: [...tagged(c).tags] })),
  );
  router.add(
    'PUT',
    `${p}/tags`,
    nova(world, (c) => {
      const s = tagged(c);
      const tags = obj(parseJsonBody(c.req))?.tags;
      if (!Array.isArray(tags)) novaError(400, "Invalid input for field/attribute tags. 'tags' is a required property");
      if (tags.length > 50) novaError(400, 'The number of tags exceeded the per-server limit 50');
      s.tags = [...new Set(tags.map(checkTag))];
      return ok(200, { tags: [...s.tags] });
    }),
  );
  router.add(
    'DELETE',
    `${p}/tags`,
    nova(world, (c) => {
      tagged(c).tags = [];
      return empty(204);
    }),
  );
  router.add(
    'GET',
    `${p}/tags/:tag`,
    nova(world, (c) => {
      if (!tagged(c).tags.includes(c.params.tag!)) novaError(404, `Tag ${c.params.tag!} could not be found for instance ${c.params.id!}.`);
      return empty(204);
    }),
  );
  router.add(
    'PUT',
    `${p}/tags/:tag`,
    nova(world, (c) => {
      const s = tagged(c);
      const tag = checkTag(c.params.tag);
      if (s.tags.includes(tag)) return empty(204);
      if (s.tags.length >= 50) novaError(400, 'The number of tags exceeded the per-server limit 50');
      s.tags.push(tag);
      return { ...empty(201), headers: { location: `${c.base}/servers/${s.id}/tags/${encodeURIComponent(tag)}` } };
    }),
  );
  router.add(
    'DELETE',
    `${p}/tags/:tag`,
    nova(world, (c) => {
      const s = tagged(c);
      const i = s.tags.indexOf(c.params.tag!);
      if (i < 0) novaError(404, `Tag ${c.params.tag!} could not be found for instance ${s.id}.`);
      s.tags.splice(i, 1);
      return empty(204);
    }),
  );
}
