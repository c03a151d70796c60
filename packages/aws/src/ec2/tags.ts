import type { CallOptions } from '@cloudmux/core';
import type { Ec2Context } from './context.js';
import { returned } from './context.js';
import { addFilters, addList, addTags, type Ec2Filters } from './params.js';
import { toTag } from './to-resources.js';
import type { Ec2Tag } from './types.js';
import { items } from './wire.js';

/** A taggable resource: an object with an id, or the id. */
export type Ec2ResourceRef = string | { readonly id: string };

function resourceIds(resources: Ec2ResourceRef | readonly Ec2ResourceRef[]): string[] {
  const list = Array.isArray(resources) ? (resources as readonly Ec2ResourceRef[]) : [resources as Ec2ResourceRef];
  return list.map((r) => (typeof r === 'string' ? r : r.id));
}

/** CreateTags (adds or overwrites). */
export async function createTags(ctx: Ec2Context, resources: Ec2ResourceRef | readonly Ec2ResourceRef[], tags: Readonly<Record<string, string>>, options: CallOptions = {}): Promise<boolean> {
  const params = addTags(addList({}, 'ResourceId', resourceIds(resources)), 'Tag', tags);
  return returned(await ctx.client.call('CreateTags', params, { idempotent: true, signal: options.signal }));
}

/** DeleteTags: keys (any value), or a record (only where the value matches). */
export async function deleteTags(
  ctx: Ec2Context,
  resources: Ec2ResourceRef | readonly Ec2ResourceRef[],
  tags: readonly string[] | Readonly<Record<string, string>>,
  options: CallOptions = {},
): Promise<boolean> {
  const record: Record<string, string | undefined> = Array.isArray(tags) ? Object.fromEntries((tags as readonly string[]).map((k) => [k, undefined])) : { ...(tags as Record<string, string>) };
  const params = addTags(addList({}, 'ResourceId', resourceIds(resources)), 'Tag', record);
  return returned(await ctx.client.call('DeleteTags', params, { idempotent: true, signal: options.signal }));
}

/** DescribeTags (paginated), for some resources and/or filters (`key`, `value`, `resource-type`). */
export async function listTags(
  ctx: Ec2Context,
  query: CallOptions & { resources?: Ec2ResourceRef | readonly Ec2ResourceRef[] | undefined; filters?: Ec2Filters | undefined } = {},
): Promise<Ec2Tag[]> {
  const filters: Record<string, string | readonly string[]> = { ...(query.filters ?? {}) };
  if (query.resources !== undefined) filters['resource-id'] = resourceIds(query.resources);
  const out: Ec2Tag[] = [];
  for await (const page of ctx.client.paginate('DescribeTags', addFilters({}, filters), ctx.settings.pageSize, { signal: query.signal })) {
    for (const t of items(page, 'tagSet')) out.push(toTag(t));
  }
  return out;
}

/** The tags of one resource as a record (libcloud's `ex_get_metadata`). */
export async function tagsOfResource(ctx: Ec2Context, resource: Ec2ResourceRef, options: CallOptions = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of await listTags(ctx, { resources: resource, signal: options.signal })) if (t.key !== '__proto__') out[t.key] = t.value;
  return out;
}
