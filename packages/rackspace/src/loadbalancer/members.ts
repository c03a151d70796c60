/**
 * Balancer members (`/loadbalancers/{id}/nodes`): list, attach, detach, update condition/weight/type.
 * @module
 */
import { InvalidArgumentError, ProviderError } from '@cloudmux/core/errors';
import type { Member, MemberSpec } from '@cloudmux/core/loadbalancer';
import { toWireNodes } from './balancers.js';
import { balancerPath, type LbContext } from './context.js';
import type { RackspaceUpdateMemberOptions } from './options.js';
import { toMember, type RackspaceMemberExtra } from './to-resources.js';
import { mutate } from './wait.js';
import type { ClbNode } from './wire.js';

/** Node conditions. */
export const NODE_CONDITIONS: readonly string[] = Object.freeze(['ENABLED', 'DISABLED', 'DRAINING']);
/** Node types. */
export const NODE_TYPES: readonly string[] = Object.freeze(['PRIMARY', 'SECONDARY']);

/** `GET /loadbalancers/{id}/nodes`. */
export async function listMembers(ctx: LbContext, id: string, signal?: AbortSignal): Promise<Member<RackspaceMemberExtra>[]> {
  const res = await ctx.client.send<{ nodes?: ClbNode[] }>({
    method: 'GET',
    path: balancerPath(id, 'nodes'),
    action: `list members of balancer ${id}`,
    signal,
  });
  return (res.body?.nodes ?? []).map((n) => toMember(n, id));
}

/** `POST /loadbalancers/{id}/nodes` with one node (condition `ENABLED`); returns the member created. */
export async function attachMember(
  ctx: LbContext,
  id: string,
  spec: MemberSpec,
  signal?: AbortSignal,
): Promise<Member<RackspaceMemberExtra>> {
  const nodes = toWireNodes('balancerAttachMember', [spec], ctx.provider);
  const res = await mutate(ctx, id, signal, () =>
    ctx.client.send<{ nodes?: ClbNode[] }>({
      method: 'POST',
      path: balancerPath(id, 'nodes'),
      json: { nodes },
      action: `attach ${spec.ip}:${spec.port} to balancer ${id}`,
      signal,
    }),
  );
  const node = res.body?.nodes?.find((n) => n.address === spec.ip && n.port === spec.port) ?? res.body?.nodes?.[0];
  if (!node)
    throw new ProviderError(`${ctx.provider}: attach member to balancer ${id}: the response lists no node`, { provider: ctx.provider });
  return toMember(node, id);
}

/** `DELETE /loadbalancers/{id}/nodes/{nodeId}`. */
export async function detachMember(ctx: LbContext, id: string, nodeId: string, signal?: AbortSignal): Promise<void> {
  await mutate(ctx, id, signal, () =>
    ctx.client.send({
      method: 'DELETE',
      path: balancerPath(id, `nodes/${encodeURIComponent(nodeId)}`),
      action: `detach member ${nodeId} from balancer ${id}`,
      signal,
    }),
  );
}

/** `PUT /loadbalancers/{id}/nodes/{nodeId}` with condition, weight and/or type; returns the node read back. */
export async function updateMember(
  ctx: LbContext,
  id: string,
  nodeId: string,
  options: RackspaceUpdateMemberOptions,
): Promise<Member<RackspaceMemberExtra>> {
  const method = 'exUpdateMember';
  const node: Record<string, string | number> = {};
  if (options.condition !== undefined) {
    if (!NODE_CONDITIONS.includes(options.condition))
      throw new InvalidArgumentError(
        `${method}: condition ${JSON.stringify(options.condition)} is not one of ${NODE_CONDITIONS.join(', ')}`,
        {
          provider: ctx.provider,
        },
      );
    node.condition = options.condition;
  }
  if (options.weight !== undefined) {
    if (!Number.isInteger(options.weight) || options.weight < 1 || options.weight > 100)
      throw new InvalidArgumentError(`${method}: weight must be an integer from 1 to 100, got ${JSON.stringify(options.weight)}`, {
        provider: ctx.provider,
      });
    node.weight = options.weight;
  }
  if (options.type !== undefined) {
    if (!NODE_TYPES.includes(options.type))
      throw new InvalidArgumentError(`${method}: type ${JSON.stringify(options.type)} is not one of ${NODE_TYPES.join(', ')}`, {
        provider: ctx.provider,
      });
    node.type = options.type;
  }
  if (Object.keys(node).length === 0)
    throw new InvalidArgumentError(`${method}: give at least one of condition, weight, type`, { provider: ctx.provider });
  const path = balancerPath(id, `nodes/${encodeURIComponent(nodeId)}`);
  const { signal } = options;
  await mutate(ctx, id, signal, () =>
    ctx.client.send({ method: 'PUT', path, json: { node }, action: `update member ${nodeId} of balancer ${id}`, signal }),
  );
  const res = await ctx.client.send<{ node?: ClbNode }>({ method: 'GET', path, action: `get member ${nodeId} of balancer ${id}`, signal });
  if (!res.body?.node)
    throw new ProviderError(`${ctx.provider}: get member ${nodeId}: the response has no node`, { provider: ctx.provider });
  return toMember(res.body.node, id);
}
