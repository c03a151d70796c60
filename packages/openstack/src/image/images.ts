/**
 * Glance v2 images: list (every page via `next`, filters), get, delete, update name/tags (JSON patch).
 * @module
 */
import { checkExKeys, requireId, requireNonBlank, requireRefId, type CallOptions } from '@cloudmux/core';
import type { NodeImage, Ref } from '@cloudmux/core/compute';
import { iteratePages } from '../common/paging.js';
import type { ServiceClient } from '../common/service-client.js';
import type { NodeDriver } from '@cloudmux/core/compute';
import { toImage, type OpenStackImageExtra } from './to-image.js';
import type { GlanceImage, GlanceImagePage } from './wire.js';

/** What the image functions need from the driver's context. */
export interface ImageContext {
  /** Back-reference for results. */
  readonly driver: NodeDriver;
  /** Glance. */
  readonly image: ServiceClient;
  /** Provider id. */
  readonly settings: { readonly provider: string };
}

/** Filters of `listImages` (`ex`). */
export interface OpenStackImageFilters {
  /** `public`, `private`, `shared`, `community` or `all`. */
  visibility?: 'public' | 'private' | 'shared' | 'community' | 'all' | undefined;
  /** Image status (`active`…). */
  status?: string | undefined;
  /** Exact name. */
  name?: string | undefined;
  /** Images with all these tags. */
  tags?: readonly string[] | undefined;
  /** Owner project id. */
  owner?: string | undefined;
  /** Page size asked of Glance (default 1000, capped by the server). */
  pageSize?: number | undefined;
}

/** Options of `listImages` for OpenStack. */
export interface OpenStackListImagesOptions extends CallOptions {
  /** Glance filters. */
  ex?: OpenStackImageFilters | undefined;
}

/** Changes of `exUpdateImage`. */
export interface UpdateImageOptions extends CallOptions {
  /** New name. */
  name?: string | undefined;
  /** Replacement tag list. */
  tags?: readonly string[] | undefined;
}

const FILTER_KEYS = ['visibility', 'status', 'name', 'tags', 'owner', 'pageSize'] as const;
const PATCH_TYPE = 'application/openstack-images-v2.1-json-patch';

/** Iterates images (every page). */
export async function* iterateImages(
  ctx: ImageContext,
  options: OpenStackListImagesOptions = {},
): AsyncGenerator<NodeImage<OpenStackImageExtra>> {
  const ex = checkExKeys(options.ex, FILTER_KEYS, { method: 'listImages', provider: ctx.settings.provider }) ?? {};
  const query: Record<string, string | readonly string[]> = { limit: String(ex.pageSize ?? 1000) };
  if (ex.visibility !== undefined) query.visibility = ex.visibility;
  if (ex.status !== undefined) query.status = ex.status;
  if (ex.name !== undefined) query.name = ex.name;
  if (ex.owner !== undefined) query.owner = ex.owner;
  if (ex.tags !== undefined && ex.tags.length > 0) query.tag = [...ex.tags];
  const pages = iteratePages<GlanceImage>(ctx.image, { method: 'GET', path: 'images', query, signal: options.signal }, (body) => {
    const b = body as GlanceImagePage;
    return { items: b.images ?? [], next: b.next };
  });
  for await (const i of pages) yield toImage(i, ctx.driver);
}

function imagePath(ctx: ImageContext, image: Ref<{ id: string }>, method: string): string {
  return `images/${encodeURIComponent(requireRefId(image, 'image', { method, provider: ctx.settings.provider, what: 'image id' }))}`;
}

/** One image; `NotFoundError` if absent. */
export async function getImage(ctx: ImageContext, id: string, options: CallOptions = {}): Promise<NodeImage<OpenStackImageExtra>> {
  requireId(id, 'id', { method: 'getImage', provider: ctx.settings.provider, what: 'image id' });
  const res = await ctx.image.request<GlanceImage>({ method: 'GET', path: imagePath(ctx, id, 'getImage'), signal: options.signal });
  return toImage(res.body, ctx.driver);
}

/** Deletes an image; `NotFoundError` if absent. */
export async function deleteImage(ctx: ImageContext, image: Ref<NodeImage>, options: CallOptions = {}): Promise<boolean> {
  await ctx.image.request({ method: 'DELETE', path: imagePath(ctx, image, 'exDeleteImage'), signal: options.signal });
  return true;
}

/** Updates name and/or tags with a JSON patch. */
export async function updateImage(
  ctx: ImageContext,
  image: Ref<NodeImage>,
  options: UpdateImageOptions,
): Promise<NodeImage<OpenStackImageExtra>> {
  const ops: { op: string; path: string; value: unknown }[] = [];
  if (options.name !== undefined) {
    requireNonBlank(options.name, 'name', { method: 'exUpdateImage', provider: ctx.settings.provider, what: 'image name' });
    ops.push({ op: 'replace', path: '/name', value: options.name });
  }
  if (options.tags !== undefined) ops.push({ op: 'replace', path: '/tags', value: [...options.tags] });
  const path = imagePath(ctx, image, 'exUpdateImage');
  if (ops.length === 0) return getImage(ctx, typeof image === 'string' ? image : image.id, options);
  const res = await ctx.image.request<GlanceImage>({
    method: 'PATCH',
    path,
    body: JSON.stringify(ops),
    headers: { 'content-type': PATCH_TYPE },
    signal: options.signal,
  });
  return toImage(res.body, ctx.driver);
}
