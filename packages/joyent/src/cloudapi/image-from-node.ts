/** CreateImageFromMachine (CloudAPI 7.0+) and the wait until the new image is `active`. */
import { requireDuration, requireNonBlank, resolvePollInterval, sleep, type CallOptions } from '@cloudmux/core';
import type { Node, NodeImage, Ref } from '@cloudmux/core/compute';
import { NotSupportedError, ProviderError, TimeoutError } from '@cloudmux/core/errors';
import type { JoyentContext } from './context.js';
import { getImage } from './catalog.js';
import { machineId, segment } from './ids.js';
import { toImage } from './to-resources.js';
import type { JoyentImageExtra } from './types.js';
import type { WireImage } from './wire.js';

/** Options of `exCreateImageFromNode` (CreateImageFromMachine inputs). */
export interface CreateImageFromNodeOptions extends CallOptions {
  /** Image name. */
  name: string;
  /** Image version; `name@version` must be new for the account. */
  version: string;
  /** Description. */
  description?: string | undefined;
  /** Homepage URL. */
  homepage?: string | undefined;
  /** EULA URL. */
  eula?: string | undefined;
  /** Account UUIDs the image is shared with. */
  acl?: readonly string[] | undefined;
  /** Image tags. */
  tags?: Readonly<Record<string, string>> | undefined;
}

/**
 * CreateImageFromMachine: the image comes back in state `creating` (the machine is stopped and
 * snapshotted by the datacenter); `waitForImage` polls until it is `active`.
 */
export async function createImageFromNode(
  ctx: JoyentContext,
  node: Ref<Node>,
  options: CreateImageFromNodeOptions,
): Promise<NodeImage<JoyentImageExtra>> {
  const method = 'exCreateImageFromNode';
  const machine = machineId(node, method);
  if (ctx.settings.legacy65) throw new NotSupportedError('Joyent CloudAPI 6.5', method, 'CreateImageFromMachine came in CloudAPI 7.0');
  const opts = { method, provider: 'joyent' };
  const body: Record<string, unknown> = {
    machine,
    name: requireNonBlank(options.name, 'name', { ...opts, what: 'image name' }),
    version: requireNonBlank(options.version, 'version', { ...opts, what: 'image version' }),
  };
  if (options.description !== undefined) body['description'] = options.description;
  if (options.homepage !== undefined) body['homepage'] = options.homepage;
  if (options.eula !== undefined) body['eula'] = options.eula;
  if (options.acl !== undefined) body['acl'] = [...options.acl];
  if (options.tags !== undefined) body['tags'] = { ...options.tags };
  const res = await ctx.client.request<WireImage>({
    method: 'POST',
    path: ctx.client.path('images'),
    json: body,
    idempotent: false,
    signal: options.signal,
  });
  return toImage(res.body, ctx.driver);
}

/** Options of `exWaitForImage`. */
export interface WaitForImageOptions extends CallOptions {
  /** Poll interval (default 2000 ms; at least 100 ms, a smaller positive value is raised to it). */
  pollIntervalMs?: number | undefined;
  /** Give up after (default 1800000 ms: imaging a machine takes minutes). */
  timeoutMs?: number | undefined;
}

/** Polls an image until its state is `active`; a `failed` image throws `ProviderError`, the deadline `TimeoutError`. */
export async function waitForImage(
  ctx: JoyentContext,
  image: Ref<NodeImage>,
  options: WaitForImageOptions,
): Promise<NodeImage<JoyentImageExtra>> {
  const method = 'exWaitForImage';
  const id = segment(typeof image === 'string' ? image : image.id, 'image', method, 'image id');
  const interval = resolvePollInterval(options.pollIntervalMs, 2000, 'pollIntervalMs', { method, provider: 'joyent' });
  const deadline = Date.now() + requireDuration(options.timeoutMs ?? 1_800_000, 'timeoutMs', { method, provider: 'joyent' });
  for (;;) {
    const current = await getImage(ctx, id, { signal: options.signal });
    const state = current.extra.state;
    if (state === 'active') return current;
    if (state === 'failed') {
      const err = (current.extra as { error?: { message?: string } }).error?.message;
      throw new ProviderError(`Image ${id} failed to be created${err ? `: ${err}` : ''}`, {
        provider: 'joyent',
        providerCode: 'ImageFailed',
      });
    }
    if (Date.now() + interval > deadline) {
      throw new TimeoutError(`Timed out waiting for image ${id} to become active; last state: ${state ?? 'unknown'}`, {
        lastState: state,
        provider: 'joyent',
      });
    }
    await sleep(interval, options.signal);
  }
}
