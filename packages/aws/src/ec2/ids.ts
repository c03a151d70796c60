import { requireId, requireNonBlank, requireRefId } from '@cloudmux/core';
import type { Ec2Context } from './context.js';

/**
 * Checks of every id and name an EC2 call sends as an identifier, made before any request with the
 * core helpers: an empty `InstanceId.1` or `KeyName` is at best a confusing provider error, and an
 * empty tag list deletes every tag.
 */

/** An id or name argument (`i-…`, `vol-…`, a key pair name), checked. */
export function ec2Id(ctx: Ec2Context, value: unknown, argName: string, method: string, what: string): string {
  return requireId(value, argName, { method, provider: ctx.settings.provider.id, what });
}

/** The id of a resource-or-id argument (`Node` or `'i-…'`), checked. */
export function ec2RefId(ctx: Ec2Context, ref: unknown, argName: string, method: string, what: string): string {
  return requireRefId(ref, argName, { method, provider: ctx.settings.provider.id, what });
}

/** A key sent as data (an EC2 tag key may contain `/`), checked: not blank, no control characters. */
export function ec2Key(ctx: Ec2Context, value: unknown, argName: string, method: string, what: string): string {
  return requireNonBlank(value, argName, { method, provider: ctx.settings.provider.id, what });
}
