import type { ComputeMethod, CreateNodeOptions, NodeDriver } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { listedNodeIds, type ComputeContext } from './compute-context.js';
import { collect, errorOf } from './harness.js';

/** An `ex` key no driver declares: a misspelt provider option must be refused, never silently dropped. */
export const UNKNOWN_EX_KEY = 'notAnOption';

/** Placeholder `createNode` inputs for a driver that does not declare `createNode` (it must refuse before reading them). */
export const PLACEHOLDER_CREATE_OPTIONS: CreateNodeOptions = Object.freeze({ size: 'cloudmux-size', image: 'cloudmux-image' });

/**
 * The portable compute methods checked with an unknown `ex` key, and how each is called with it
 * (`createOptions`: valid size/image/... for `createNode`).
 */
export const EX_KEY_CALLS: Readonly<Partial<Record<ComputeMethod, (d: NodeDriver, createOptions: CreateNodeOptions) => Promise<unknown>>>> =
  {
    createNode: (d, createOptions) => d.createNode({ ...createOptions, ex: { [UNKNOWN_EX_KEY]: 1 } }),
    listNodes: (d) => collect(d.iterateNodes({ ex: { [UNKNOWN_EX_KEY]: 1 } })),
  };

/**
 * Calls `method` with `ex: { notAnOption: 1 }` (the other arguments valid) and checks that it throws
 * `InvalidArgumentError` naming the key and the method, and (with `requestCount`) that no request was
 * sent; without `requestCount`, a refused `createNode` must at least leave the node list unchanged.
 */
export async function checkUnknownExKey(
  ctx: ComputeContext,
  method: ComputeMethod,
  requestCount: (() => number) | undefined,
): Promise<void> {
  const call = EX_KEY_CALLS[method];
  if (call === undefined) throw new Error(`No unknown-ex check for ${method}`);
  // listing sizes/images for the options may send requests: done first, not counted
  const createOptions = method === 'createNode' ? await ctx.createOptions() : PLACEHOLDER_CREATE_OPTIONS;
  const listedBefore = method === 'createNode' && requestCount === undefined ? await listedNodeIds(ctx) : undefined;
  const before = requestCount?.();
  let err: unknown;
  try {
    err = await errorOf(() => call(ctx.driver, createOptions));
  } catch {
    throw new Error(`${method} with ex: { ${UNKNOWN_EX_KEY}: 1 } succeeded; an unknown ex key must throw InvalidArgumentError`);
  }
  const after = requestCount?.();
  if (!(err instanceof InvalidArgumentError)) {
    throw new Error(
      `${method} with ex: { ${UNKNOWN_EX_KEY}: 1 } threw ${(err as Error)?.name ?? typeof err}: ${String((err as Error)?.message ?? err).slice(0, 200)}; it must throw InvalidArgumentError`,
    );
  }
  if (!err.message.includes(UNKNOWN_EX_KEY) || !err.message.includes(method)) {
    throw new Error(
      `${method}: the InvalidArgumentError for an unknown ex key must name the key "${UNKNOWN_EX_KEY}" and the method, got: ${err.message}`,
    );
  }
  if (before !== undefined && after !== undefined && after !== before) {
    throw new Error(
      `${method} with an unknown ex key sent ${after - before} request(s) before failing; ex keys must be checked before any request`,
    );
  }
  if (listedBefore !== undefined) {
    const listedAfter = await listedNodeIds(ctx);
    if (JSON.stringify(listedAfter) !== JSON.stringify(listedBefore))
      throw new Error('createNode with an unknown ex key created a node; it must be refused before anything is created');
  }
}
