import type { NodeImage, NodeSize } from '@cloudmux/core/compute';
import type { JoyentImageExtra, JoyentSizeExtra } from '../cloudapi/types.js';

/** A non-global copy of `re` (so `test` has no `lastIndex` state). */
export function stateless(re: RegExp): RegExp {
  return re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re;
}

/** Sizes whose name matches `re`. */
export function filterSizes(sizes: readonly NodeSize<JoyentSizeExtra>[], re: RegExp): NodeSize<JoyentSizeExtra>[] {
  const r = stateless(re);
  return sizes.filter((s) => r.test(s.name));
}

/** Images whose name, or `name@version`, matches `re`. */
export function filterImages(images: readonly NodeImage<JoyentImageExtra>[], re: RegExp): NodeImage<JoyentImageExtra>[] {
  const r = stateless(re);
  return images.filter((i) => r.test(i.name) || (i.extra.version !== undefined && r.test(`${i.name}@${i.extra.version}`)));
}

/** The flagged default package, else the smallest by memory (then disk). */
export function defaultSize(sizes: readonly NodeSize<JoyentSizeExtra>[]): NodeSize<JoyentSizeExtra> | undefined {
  const flagged = sizes.find((s) => s.extra.default);
  if (flagged) return flagged;
  return [...sizes].sort((a, b) => a.ramMb - b.ramMb || a.diskGb - b.diskGb)[0];
}

/** The flagged default image (6.5 datasets), else the most recently published one (of `os`, when given). */
export function defaultImage(images: readonly NodeImage<JoyentImageExtra>[], os?: string): NodeImage<JoyentImageExtra> | undefined {
  const pool = os === undefined ? images : images.filter((i) => i.extra.os === os);
  const flagged = pool.find((i) => i.extra.default);
  if (flagged) return flagged;
  const time = (i: NodeImage<JoyentImageExtra>): number => i.extra.publishedAt?.getTime() ?? 0;
  return [...pool].sort((a, b) => time(b) - time(a))[0];
}
