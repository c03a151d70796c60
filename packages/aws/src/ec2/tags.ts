import type { CallOptions } from '@cloudmux/core';
import { InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import type { Ec2Context } from './context.js';
import { returned } from './context.js';
import { ec2Key, ec2RefId } from './ids.js';
import { addFilters, addList, addTags, type Ec2Filters } from './params.js';
import { toTag } from './to-resources.js';
import type { Ec2Tag } from './types.js';
import { items } from './wire.js';

/** A taggable resource: an object with an id, or the id. */
export type Ec2ResourceRef = string | { readonly id: string };

/**
 * What `exDeleteTags` deletes: tag keys (whatever their value), key/value pairs (only where the value
 * matches), or `{ all: true }` for every tag of the resources. An empty list or record is refused:
 * EC2's DeleteTags without a tag deletes them all, which must be asked for explicitly.
 */
export type Ec2TagsToDelete = readonly string[] | Readonly<Record<string, string>> | Ec2AllTags;

/** `{ all: true }`: every tag of the resources (`exDeleteTags(node, { all: true })`). */
export interface Ec2AllTags {
  /** Delete every tag. */
  readonly all: true;
}

function resourceIds(ctx: Ec2Context, resources: Ec2ResourceRef | readonly Ec2ResourceRef[], method: string): string[] {
  const list = Array.isArray(resources) ? (resources as readonly Ec2ResourceRef[]) : [resources as Ec2ResourceRef];
  if (list.length === 0)
    throw new InvalidArgumentError(`${method}: "resources" must name at least one resource, got an empty list`, {
      provider: ctx.settings.provider.id,
    });
  return list.map((r, i) => ec2RefId(ctx, r, Array.isArray(resources) ? `resources[${i}]` : 'resources', method, 'resource id'));
}

/** CreateTags (adds or overwrites). */
export async function createTags(
  ctx: Ec2Context,
  resources: Ec2ResourceRef | readonly Ec2ResourceRef[],
  tags: Readonly<Record<string, string>>,
  options: CallOptions = {},
): Promise<boolean> {
  const ids = resourceIds(ctx, resources, 'exCreateTags');
  const keys = Object.keys(tags ?? {});
  if (keys.length === 0)
    throw new InvalidArgumentError('exCreateTags: "tags" must hold at least one tag, got none', { provider: ctx.settings.provider.id });
  for (const k of keys) ec2Key(ctx, k, 'tags', 'exCreateTags', 'tag key');
  const params = addTags(addList({}, 'ResourceId', ids), 'Tag', tags);
  return returned(await ctx.client.call('CreateTags', params, { idempotent: true, signal: options.signal }));
}

function isAllTags(tags: unknown): tags is Ec2AllTags {
  return typeof tags === 'object' && tags !== null && !Array.isArray(tags) && typeof (tags as { all?: unknown }).all === 'boolean';
}

/**
 * DeleteTags: keys (any value), a record (only where the value matches), or `{ all: true }` (every
 * tag). Every key is checked; an empty list or record throws `InvalidArgumentError` before any request.
 */
export async function deleteTags(
  ctx: Ec2Context,
  resources: Ec2ResourceRef | readonly Ec2ResourceRef[],
  tags: Ec2TagsToDelete,
  options: CallOptions = {},
): Promise<boolean> {
  const method = 'exDeleteTags';
  const provider = ctx.settings.provider.id;
  const ids = resourceIds(ctx, resources, method);
  let record: Record<string, string | undefined>;
  if (isAllTags(tags)) {
    if (tags.all !== true || Object.keys(tags).length !== 1) {
      throw new InvalidArgumentError(`${method}: to delete every tag pass exactly { all: true }, got ${JSON.stringify(tags)}`, {
        provider,
      });
    }
    record = {};
  } else {
    if (typeof tags !== 'object' || tags === null) {
      throw new InvalidArgumentError(
        `${method}: "tags" must be a list of tag keys, a record of key/value pairs or { all: true }, got ${String(tags)}`,
        { provider },
      );
    }
    record = Array.isArray(tags)
      ? Object.fromEntries((tags as readonly string[]).map((k) => [k, undefined]))
      : { ...(tags as Readonly<Record<string, string>>) };
    const keys = Array.isArray(tags) ? (tags as readonly unknown[]) : Object.keys(record);
    if (keys.length === 0) {
      throw new InvalidArgumentError(
        `${method}: "tags" is empty, and DeleteTags without a tag deletes every tag of the resources; pass { all: true } to do that`,
        { provider },
      );
    }
    keys.forEach((k, i) => ec2Key(ctx, k, Array.isArray(tags) ? `tags[${i}]` : 'tags', method, 'tag key'));
  }
  const params = addTags(addList({}, 'ResourceId', ids), 'Tag', record);
  return returned(await ctx.client.call('DeleteTags', params, { idempotent: true, signal: options.signal }));
}

/** DescribeTags (paginated), for some resources and/or filters (`key`, `value`, `resource-type`). */
export async function listTags(
  ctx: Ec2Context,
  query: CallOptions & { resources?: Ec2ResourceRef | readonly Ec2ResourceRef[] | undefined; filters?: Ec2Filters | undefined } = {},
  method = 'exListTags',
): Promise<Ec2Tag[]> {
  const filters: Record<string, string | readonly string[]> = { ...(query.filters ?? {}) };
  if (query.resources !== undefined) filters['resource-id'] = resourceIds(ctx, query.resources, method);
  const out: Ec2Tag[] = [];
  for await (const page of ctx.client.paginate('DescribeTags', addFilters({}, filters), ctx.settings.pageSize, { signal: query.signal })) {
    for (const t of items(page, 'tagSet')) out.push(toTag(t));
  }
  return out;
}

/** The tags of one resource as a record: `exListMetadata` (libcloud's `ex_get_metadata`). */
export async function tagsOfResource(
  ctx: Ec2Context,
  resource: Ec2ResourceRef,
  options: CallOptions = {},
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await listTags(ctx, { resources: resource, signal: options.signal }, 'exListMetadata'))
    if (t.key !== '__proto__') out[t.key] = t.value;
  return out;
}

/** The value of one tag of a resource: `exGetMetadata`; `NotFoundError` when the resource has no such tag. */
export async function tagOfResource(ctx: Ec2Context, resource: Ec2ResourceRef, key: string, options: CallOptions = {}): Promise<string> {
  const checked = ec2Key(ctx, key, 'key', 'exGetMetadata', 'tag key');
  const found = await listTags(ctx, { resources: resource, filters: { key: checked }, signal: options.signal }, 'exGetMetadata');
  const tag = found.find((t) => t.key === checked);
  if (!tag)
    throw new NotFoundError(
      `exGetMetadata: ${ec2RefId(ctx, resource, 'resource', 'exGetMetadata', 'resource id')} has no tag "${checked}"`,
      { provider: ctx.settings.provider.id },
    );
  return tag.value;
}
