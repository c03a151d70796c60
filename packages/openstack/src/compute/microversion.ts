/**
 * Nova microversion negotiation: the highest version both cloudmux and the server speak
 * (`min(client max, server max)`, refused when below the server's minimum), or the user's pinned one,
 * checked against the server's range.
 * @module
 */
import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';

/** Highest Nova microversion cloudmux understands (2.92 drops server-generated key pairs, so not beyond 2.90). */
export const CLIENT_MAX_MICROVERSION = '2.90';
/** Lowest microversion cloudmux needs (2.1: the v2.1 API itself). */
export const CLIENT_MIN_MICROVERSION = '2.1';

/** A parsed microversion. */
export type Microversion = readonly [major: number, minor: number];

/** Parses `"2.79"`; `undefined` for anything else. */
export function parseMicroversion(text: string | undefined): Microversion | undefined {
  if (text === undefined) return undefined;
  const m = /^\s*(\d+)\.(\d+)\s*$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Negative, zero or positive as `a` is lower, equal or higher than `b`. */
export function compareMicroversions(a: Microversion, b: Microversion): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** `"2.79"`. */
export function formatMicroversion(v: Microversion): string {
  return `${v[0]}.${v[1]}`;
}

/**
 * The microversion to send. `serverMin`/`serverMax` come from Nova's version document (`min_version`,
 * `version`; empty when the cloud has no microversions: then `undefined`, send none). `pinned` is the user's
 * choice (`"2.60"` or `"latest"` = the server's maximum).
 */
export function negotiateMicroversion(
  provider: string,
  serverMin: string | undefined,
  serverMax: string | undefined,
  pinned?: string | undefined,
): string | undefined {
  const max = parseMicroversion(serverMax);
  const min = parseMicroversion(serverMin) ?? parseMicroversion(CLIENT_MIN_MICROVERSION)!;
  if (pinned !== undefined) {
    if (pinned === 'latest') {
      if (!max) throw new NotSupportedError(provider, 'computeMicroversion "latest"', 'this Nova has no microversions');
      return formatMicroversion(max);
    }
    const want = parseMicroversion(pinned);
    if (!want)
      throw new InvalidArgumentError(`${provider}: computeMicroversion "${pinned}" is not a microversion like "2.79" or "latest"`, {
        provider,
      });
    if (!max) throw new NotSupportedError(provider, `compute microversion ${pinned}`, 'this Nova has no microversions');
    if (compareMicroversions(want, min) < 0 || compareMicroversions(want, max) > 0) {
      throw new NotSupportedError(
        provider,
        `compute microversion ${pinned}`,
        `the server serves ${formatMicroversion(min)} to ${formatMicroversion(max)}`,
      );
    }
    return formatMicroversion(want);
  }
  if (!max) return undefined;
  const client = parseMicroversion(CLIENT_MAX_MICROVERSION)!;
  const chosen = compareMicroversions(client, max) < 0 ? client : max;
  if (compareMicroversions(chosen, min) < 0) {
    throw new NotSupportedError(
      provider,
      `compute microversion ${formatMicroversion(min)}`,
      `cloudmux speaks Nova microversions up to ${CLIENT_MAX_MICROVERSION}`,
    );
  }
  return formatMicroversion(chosen);
}

/** Whether the negotiated version (`undefined` = plain 2.1) is at least `major.minor`. */
export function microversionAtLeast(negotiated: string | undefined, major: number, minor: number): boolean {
  const v = parseMicroversion(negotiated) ?? [2, 1];
  return compareMicroversions(v, [major, minor]) >= 0;
}
