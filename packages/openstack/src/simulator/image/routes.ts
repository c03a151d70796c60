/**
 * Glance v2 routes: the version document (`GET /image` → 300), images list (`next`/`first` links, filters
 * visibility/status/name/tag/owner), get, delete, and JSON-patch updates
 * (`application/openstack-images-v2.1-json-patch`). Errors are Glance's webob bodies.
 * @module
 */
import {
  SimulatorHttpError,
  jsonReply,
  parseJsonBody,
  textReply,
  type SimulatorReply,
  type SimulatorRequest,
} from '@cloudmux/core/testing';
import { isoSeconds, obj } from '../json.js';
import type { ProjectToken, SimulatorWorld } from '../world.js';
import { imageStore, type SimImage } from './store.js';

const CORE_FIELDS = new Set([
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
]);
const PATCH_TYPES = ['application/openstack-images-v2.1-json-patch', 'application/openstack-images-v2.0-json-patch'];

/** A Glance (webob) error: JSON when the client accepts it, HTML otherwise. */
export function glanceError(req: SimulatorRequest, status: number, title: string, detail: string): never {
  const accept = String(req.headers.accept ?? '');
  const code = `${status} ${title}`;
  const reply: SimulatorReply = accept.includes('json')
    ? jsonReply(status, { message: `${detail}<br /><br />\n\n\n`, code, title })
    : textReply(
        status,
        `<html>\n <head>\n  <title>${code}</title>\n </head>\n <body>\n  <h1>${code}</h1>\n  ${detail}<br /><br />\n\n\n\n </body>\n</html>`,
        'text/html; charset=UTF-8',
      );
  throw new SimulatorHttpError(reply);
}

/** Glance's JSON for an image. */
export function imageJson(i: SimImage): Record<string, unknown> {
  return {
    ...i.properties,
    id: i.id,
    name: i.name,
    status: i.status,
    visibility: i.visibility,
    owner: i.owner,
    tags: [...i.tags],
    container_format: i.containerFormat,
    disk_format: i.diskFormat,
    min_disk: i.minDisk,
    min_ram: i.minRam,
    size: i.status === 'active' ? i.size : null,
    virtual_size: null,
    checksum: i.status === 'active' ? 'd41d8cd98f00b204e9800998ecf8427e' : null,
    os_hash_algo: i.status === 'active' ? 'sha512' : null,
    os_hash_value: null,
    protected: i.protected,
    os_hidden: false,
    created_at: isoSeconds(i.createdAt),
    updated_at: isoSeconds(i.updatedAt),
    self: `/v2/images/${i.id}`,
    file: `/v2/images/${i.id}/file`,
    schema: '/v2/schemas/image',
  };
}

function visible(i: SimImage, token: ProjectToken, visibility: string | null): boolean {
  const mine = i.owner === token.project.id;
  if (i.status === 'deleted') return false;
  switch (visibility) {
    case null:
      return i.visibility === 'public' || mine || i.visibility === 'shared';
    case 'all':
      return i.visibility === 'public' || i.visibility === 'community' || mine || i.visibility === 'shared';
    case 'private':
      return i.visibility === 'private' && mine;
    case 'shared':
      return i.visibility === 'shared';
    default:
      return i.visibility === visibility;
  }
}

/** Glance route handlers (auth applied by the caller). */
export function glanceHandlers(world: SimulatorWorld) {
  const store = imageStore(world);
  const find = (req: SimulatorRequest, token: ProjectToken, id: string): SimImage => {
    const i = store.get(id);
    if (!i || !visible(i, token, 'all')) glanceError(req, 404, 'Not Found', `No image found with ID ${id}`);
    return i;
  };
  return {
    list(req: SimulatorRequest, token: ProjectToken): SimulatorReply {
      const q = req.url.searchParams;
      const vis = q.get('visibility');
      if (vis !== null && !['public', 'private', 'shared', 'community', 'all'].includes(vis))
        glanceError(req, 400, 'Bad Request', `Invalid visibility value: ${vis}`);
      const max = world.options.maxPageSize;
      const limitText = q.get('limit');
      const limit = limitText === null ? Math.min(25, max) : Number(limitText);
      if (!Number.isInteger(limit) || limit < 0) glanceError(req, 400, 'Bad Request', 'limit param must be an integer');
      const tags = q.getAll('tag');
      const name = q.get('name');
      const status = q.get('status');
      const owner = q.get('owner');
      const all = [...store.images.values()]
        .reverse()
        .filter(
          (i) =>
            visible(i, token, vis) &&
            (name === null || i.name === name) &&
            (status === null || i.status === status) &&
            (owner === null || i.owner === owner) &&
            tags.every((t) => i.tags.includes(t)),
        );
      let start = 0;
      const marker = q.get('marker');
      if (marker !== null) {
        const idx = all.findIndex((i) => i.id === marker);
        if (idx < 0) glanceError(req, 400, 'Bad Request', `marker could not be found.`);
        start = idx + 1;
      }
      const page = all.slice(start, start + Math.min(limit, max));
      const base = new URLSearchParams(q);
      base.delete('marker');
      const body: Record<string, unknown> = {
        images: page.map(imageJson),
        first: `/v2/images${base.size > 0 ? `?${base.toString()}` : ''}`,
        schema: '/v2/schemas/images',
      };
      const last = page[page.length - 1];
      if (last && page.length === Math.min(limit, max)) {
        const next = new URLSearchParams(base);
        next.set('marker', last.id);
        body.next = `/v2/images?${next.toString()}`;
      }
      return jsonReply(200, body);
    },
    get(req: SimulatorRequest, token: ProjectToken, id: string): SimulatorReply {
      return jsonReply(200, imageJson(find(req, token, id)));
    },
    remove(req: SimulatorRequest, token: ProjectToken, id: string): SimulatorReply {
      const i = find(req, token, id);
      if (i.owner !== token.project.id && !token.roles.some((r) => r.name === 'admin'))
        glanceError(req, 403, 'Forbidden', 'You are not permitted to delete this image.');
      if (i.protected) glanceError(req, 403, 'Forbidden', `Image ${id} is protected and cannot be deleted.`);
      i.status = 'deleted';
      store.images.delete(id);
      return { status: 204, body: '' };
    },
    patch(req: SimulatorRequest, token: ProjectToken, id: string): SimulatorReply {
      const type = String(req.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      if (!PATCH_TYPES.includes(type)) glanceError(req, 415, 'Unsupported Media Type', `Unsupported Content-Type`);
      const i = find(req, token, id);
      if (i.owner !== token.project.id) glanceError(req, 403, 'Forbidden', 'You are not permitted to modify this image.');
      const ops = parseJsonBody(req);
      if (!Array.isArray(ops)) glanceError(req, 400, 'Bad Request', 'Request body must be a JSON array of operation objects.');
      for (const raw of ops) {
        const op = obj(raw);
        const path = typeof op?.path === 'string' ? op.path : '';
        const kind = op?.op;
        const value = op?.value;
        if (!op || !['add', 'replace', 'remove'].includes(String(kind)) || !path.startsWith('/'))
          glanceError(req, 400, 'Bad Request', 'Operation objects must contain exactly one member named "add", "remove", or "replace".');
        const field = path.slice(1);
        if (field === 'name' && kind !== 'remove')
          i.name = typeof value === 'string' ? value : glanceError(req, 400, 'Bad Request', 'Invalid name');
        else if (field === 'tags' && kind !== 'remove') {
          if (!Array.isArray(value) || value.some((t) => typeof t !== 'string')) glanceError(req, 400, 'Bad Request', 'Invalid tags');
          i.tags = [...new Set(value as string[])];
        } else if (field === 'tags/-' && kind === 'add' && typeof value === 'string') {
          if (!i.tags.includes(value)) i.tags.push(value);
        } else if (field === 'visibility' && kind !== 'remove') {
          if (!['public', 'private', 'shared', 'community'].includes(String(value)))
            glanceError(req, 400, 'Bad Request', `Invalid visibility value: ${String(value)}`);
          i.visibility = value as SimImage['visibility'];
        } else if (field === 'protected' && kind !== 'remove') i.protected = value === true;
        else if ((field === 'min_disk' || field === 'min_ram') && kind !== 'remove' && Number.isInteger(value)) {
          if (field === 'min_disk') i.minDisk = value as number;
          else i.minRam = value as number;
        } else if (!CORE_FIELDS.has(field) && !field.includes('/')) {
          if (kind === 'remove') {
            if (!(field in i.properties)) glanceError(req, 409, 'Conflict', `Property ${field} does not exist.`);
            delete i.properties[field];
          } else {
            if (typeof value !== 'string') glanceError(req, 400, 'Bad Request', `Property ${field} must be a string`);
            i.properties[field] = value;
          }
        } else glanceError(req, 403, 'Forbidden', `Attribute '${field}' is read-only.`);
      }
      i.updatedAt = world.now();
      return jsonReply(200, imageJson(i));
    },
  };
}
