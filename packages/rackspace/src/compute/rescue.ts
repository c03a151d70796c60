/**
 * Rescue mode (`rescue` / `unrescue` server actions): the server reboots from a rescue image with its own
 * disk attached as a secondary disk, reachable with the admin password Cloud Servers returns.
 * @module
 */
import { requireRefId } from '@cloudmux/core';
import { MalformedResponseError } from '@cloudmux/core/errors';
import type { Node, Ref } from '@cloudmux/core/compute';
import type { OpenStackContext } from '@cloudmux/openstack';
import type { RescueNodeOptions } from './types.js';

function actionPath(ctx: OpenStackContext, node: Ref<Node>, method: string): string {
  const id = requireRefId(node, 'node', { method, provider: ctx.settings.provider, what: 'server id' });
  return `servers/${encodeURIComponent(id)}/action`;
}

/**
 * `POST /servers/{id}/action` `{"rescue": {…}}` (200 `{"adminPass": "…"}`): status goes to `RESCUE`. Returns the
 * rescue environment's admin password (the one given, or the one Cloud Servers generated).
 */
export async function rescueNode(ctx: OpenStackContext, node: Ref<Node>, options: RescueNodeOptions = {}): Promise<string> {
  const method = 'exRescueNode';
  const provider = ctx.settings.provider;
  const path = actionPath(ctx, node, method);
  const body: Record<string, string> = {};
  if (options.password !== undefined) body.adminPass = options.password;
  if (options.image !== undefined) body.rescue_image_ref = requireRefId(options.image, 'image', { method, provider, what: 'image id' });
  const res = await ctx.compute.request<{ adminPass?: unknown } | undefined>({
    method: 'POST',
    path,
    json: { rescue: body },
    signal: options.signal,
    errorContext: { action: 'rescue server' },
  });
  const pass = typeof res.body?.adminPass === 'string' ? res.body.adminPass : options.password;
  if (pass === undefined)
    throw new MalformedResponseError(`${provider}: the rescue response carries no adminPass`, '', { provider, requestId: res.requestId });
  return pass;
}

/** `POST /servers/{id}/action` `{"unrescue": null}` (202): the server reboots from its own disk back to `ACTIVE`. */
export async function unrescueNode(
  ctx: OpenStackContext,
  node: Ref<Node>,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<boolean> {
  await ctx.compute.request({
    method: 'POST',
    path: actionPath(ctx, node, 'exUnrescueNode'),
    json: { unrescue: null },
    signal: options.signal,
    errorContext: { action: 'unrescue server' },
  });
  return true;
}
