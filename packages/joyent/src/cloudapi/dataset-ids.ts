/**
 * Legacy 6.5 mode: a machine names its dataset by URN (`sdc:sdc:smartos:1.3.15`) while ListDatasets
 * identifies datasets by id. Nodes get the id, so `node.imageId` matches `listImages()` ids as it
 * does in 7.x mode; the URN stays in `node.extra.dataset`.
 */
import type { JoyentContext } from './context.js';
import type { WireDataset } from './wire.js';

/** URN → id of the datasets seen, and the URNs already looked for once (not fetched again). */
export interface DatasetIdCache {
  readonly ids: Map<string, string>;
  readonly tried: Set<string>;
}

function isUrn(s: string | undefined): s is string {
  return s !== undefined && s.startsWith('sdc:');
}

async function refresh(ctx: JoyentContext, cache: DatasetIdCache, signal: AbortSignal | undefined): Promise<void> {
  const res = await ctx.client.request<WireDataset[]>({ method: 'GET', path: ctx.client.path('datasets'), signal });
  if (!Array.isArray(res.body)) return;
  for (const d of res.body) if (typeof d?.urn === 'string' && typeof d.id === 'string') cache.ids.set(d.urn, d.id);
}

/**
 * In legacy 6.5 mode, the URN → id map covering `urns` (ListDatasets once per driver, again when a
 * URN not seen before turns up); `undefined` in 7.x mode or when no URN needs resolving. A URN no
 * dataset carries (a deleted dataset) stays as it is.
 */
export async function datasetIdMap(
  ctx: JoyentContext,
  urns: Iterable<string | undefined>,
  signal: AbortSignal | undefined,
): Promise<ReadonlyMap<string, string> | undefined> {
  if (!ctx.settings.legacy65) return undefined;
  const cache = (ctx.datasetIds ??= { ids: new Map(), tried: new Set() });
  const unknown: string[] = [];
  for (const u of urns) if (isUrn(u) && !cache.ids.has(u) && !cache.tried.has(u)) unknown.push(u);
  if (unknown.length > 0) {
    await refresh(ctx, cache, signal);
    for (const u of unknown) cache.tried.add(u);
  }
  return cache.ids.size > 0 ? cache.ids : undefined;
}
