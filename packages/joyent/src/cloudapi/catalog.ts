/** Sizes (packages) and images (datasets in legacy 6.5 mode) of a CloudAPI datacenter. */
import { checkExKeys, type CallOptions } from '@cloudmux/core';
import type { NodeDriver, NodeImage, NodeSize } from '@cloudmux/core/compute';
import { findSizePrice } from '@cloudmux/core/pricing';
import type { JoyentContext } from './context.js';
import { driverForLocation } from './datacenters.js';
import { segment } from './ids.js';
import {
  LIST_IMAGES_FILTERS,
  LIST_PACKAGES_FILTERS,
  type JoyentImageFilters,
  type JoyentListOptions,
  type JoyentPackageFilters,
} from './options.js';
import { defaultImage, defaultSize, filterImages, filterSizes } from './search.js';
import { toImage, toSize } from './to-resources.js';
import type { JoyentImageExtra, JoyentSizeExtra } from './types.js';
import type { WireDataset, WireImage, WirePackage } from './wire.js';

/** ListPackages as sizes, priced from `pricing/compute/joyent.json` by package name. */
export async function listSizes(
  ctx: JoyentContext,
  options: JoyentListOptions<JoyentPackageFilters>,
): Promise<NodeSize<JoyentSizeExtra>[]> {
  checkExKeys(options.ex, LIST_PACKAGES_FILTERS, { method: 'listSizes', provider: ctx.driver.providerId });
  if (options.location !== undefined) {
    const target = await driverForLocation<NodeDriver>(ctx, options.location, options.signal);
    if (target !== ctx.driver) return target.listSizes({ ...options, location: undefined }) as Promise<NodeSize<JoyentSizeExtra>[]>;
  }
  const { client, settings } = ctx;
  const res = await client.request<WirePackage[]>({
    method: 'GET',
    path: client.path('packages'),
    query: { ...options.ex },
    signal: options.signal,
  });
  return res.body.map((p) => toSize(p, ctx.driver, findSizePrice('compute', 'joyent', p.name, settings.datacenter)));
}

/** GetPackage by id or name. */
export async function getSize(ctx: JoyentContext, idOrName: string, options: CallOptions): Promise<NodeSize<JoyentSizeExtra>> {
  segment(idOrName, 'idOrName', 'exGetSize', 'package id or name');
  const { client, settings } = ctx;
  const res = await client.request<WirePackage>({ method: 'GET', path: client.path('packages', idOrName), signal: options.signal });
  return toSize(res.body, ctx.driver, findSizePrice('compute', 'joyent', res.body.name, settings.datacenter));
}

/** ListImages (ListDatasets in legacy 6.5 mode). */
export async function listImages(
  ctx: JoyentContext,
  options: JoyentListOptions<JoyentImageFilters>,
): Promise<NodeImage<JoyentImageExtra>[]> {
  checkExKeys(options.ex, LIST_IMAGES_FILTERS, { method: 'listImages', provider: ctx.driver.providerId });
  if (options.location !== undefined) {
    const target = await driverForLocation<NodeDriver>(ctx, options.location, options.signal);
    if (target !== ctx.driver) return target.listImages({ ...options, location: undefined }) as Promise<NodeImage<JoyentImageExtra>[]>;
  }
  const { client, settings } = ctx;
  const path = client.path(settings.legacy65 ? 'datasets' : 'images');
  const res = await client.request<Array<WireImage | WireDataset>>({
    method: 'GET',
    path,
    query: { ...options.ex },
    signal: options.signal,
  });
  return res.body.map((i) => toImage(i, ctx.driver));
}

/** GetImage (GetDataset in legacy 6.5 mode) by id. */
export async function getImage(ctx: JoyentContext, id: string, options: CallOptions): Promise<NodeImage<JoyentImageExtra>> {
  segment(id, 'id', 'getImage', 'image id');
  const { client, settings } = ctx;
  const res = await client.request<WireImage>({
    method: 'GET',
    path: client.path(settings.legacy65 ? 'datasets' : 'images', id),
    signal: options.signal,
  });
  return toImage(res.body, ctx.driver);
}

/** The flagged default package, else the smallest one. */
export async function getDefaultSize(
  ctx: JoyentContext,
  options: JoyentListOptions<JoyentPackageFilters>,
): Promise<NodeSize<JoyentSizeExtra> | undefined> {
  return defaultSize(await listSizes(ctx, options));
}

/** The flagged default image (6.5), else the most recently published one (of `os`, when given). */
export async function getDefaultImage(
  ctx: JoyentContext,
  options: JoyentListOptions<JoyentImageFilters> & { os?: string | undefined },
): Promise<NodeImage<JoyentImageExtra> | undefined> {
  const { os, ...rest } = options;
  return defaultImage(await listImages(ctx, rest), os);
}

/** Sizes whose name matches `pattern`. */
export async function findSizes(
  ctx: JoyentContext,
  pattern: RegExp,
  options: JoyentListOptions<JoyentPackageFilters>,
): Promise<NodeSize<JoyentSizeExtra>[]> {
  return filterSizes(await listSizes(ctx, options), pattern);
}

/** Images whose name or `name@version` matches `pattern`. */
export async function findImages(
  ctx: JoyentContext,
  pattern: RegExp,
  options: JoyentListOptions<JoyentImageFilters>,
): Promise<NodeImage<JoyentImageExtra>[]> {
  return filterImages(await listImages(ctx, options), pattern);
}
