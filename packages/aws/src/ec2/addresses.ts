import type { CallOptions } from '@cloudmux/core';
import { NotFoundError } from '@cloudmux/core/errors';
import type { Node, Ref } from '@cloudmux/core/compute';
import type { Ec2Context } from './context.js';
import { returned } from './context.js';
import { ec2Id, ec2RefId } from './ids.js';
import { addFilters, addList, type Ec2Filters, type Ec2Params } from './params.js';
import { toElasticIp } from './to-resources.js';
import type { Ec2ElasticIp } from './types.js';
import { items, txt } from './wire.js';

/** An Elastic IP: the object, its public address, or its allocation id (`eipalloc-…`). */
export type Ec2AddressRef = Ec2ElasticIp | string;

/** What `exListAddresses` asks for. */
export interface Ec2AddressQuery extends CallOptions {
  /** Public addresses. */
  publicIps?: readonly string[] | undefined;
  /** Allocation ids. */
  allocationIds?: readonly string[] | undefined;
  /** EC2 filters (`instance-id`, `domain`, `tag:Key`…). */
  filters?: Ec2Filters | undefined;
}

/** DescribeAddresses. */
export async function listAddresses(ctx: Ec2Context, query: Ec2AddressQuery = {}): Promise<Ec2ElasticIp[]> {
  const params: Ec2Params = {};
  addList(params, 'PublicIp', query.publicIps);
  addList(params, 'AllocationId', query.allocationIds);
  addFilters(params, query.filters);
  const res = await ctx.client.call('DescribeAddresses', params, { idempotent: true, signal: query.signal });
  return items(res, 'addressesSet').map(toElasticIp);
}

/** AllocateAddress (`vpc` by default; `standard` for EC2-Classic clouds). */
export async function allocateAddress(
  ctx: Ec2Context,
  options: CallOptions & { domain?: 'vpc' | 'standard' | undefined } = {},
): Promise<Ec2ElasticIp> {
  const res = await ctx.client.call(
    'AllocateAddress',
    { Domain: options.domain ?? 'vpc' },
    {
      signal: options.signal,
      checkHint: 'list Elastic IPs with exListAddresses() and release an unexpected one with exReleaseAddress() before allocating again',
    },
  );
  return toElasticIp(res);
}

/** The full address record behind a reference (looked up unless the object is given). */
async function resolve(ctx: Ec2Context, address: Ec2AddressRef, signal: AbortSignal | undefined, method: string): Promise<Ec2ElasticIp> {
  if (typeof address !== 'string') return address;
  ec2Id(ctx, address, 'address', method, 'Elastic IP address or allocation id');
  const query = address.startsWith('eipalloc-') ? { allocationIds: [address] } : { publicIps: [address] };
  const found = (await listAddresses(ctx, { ...query, signal }))[0];
  if (found === undefined)
    throw new NotFoundError(`${ctx.settings.provider.id}: Elastic IP ${address} not found`, {
      provider: ctx.settings.provider.id,
      providerCode: 'InvalidAddress.NotFound',
    });
  return found;
}

function addressParam(a: Ec2ElasticIp): Ec2Params {
  return a.allocationId !== undefined ? { AllocationId: a.allocationId } : { PublicIp: a.publicIp };
}

/** AssociateAddress with an instance; returns the association id (`''` for EC2-Classic addresses). */
export async function associateAddress(
  ctx: Ec2Context,
  address: Ec2AddressRef,
  node: Ref<Node>,
  options: CallOptions & { allowReassociation?: boolean | undefined } = {},
): Promise<string> {
  const instanceId = ec2RefId(ctx, node, 'node', 'exAssociateAddress', 'instance id');
  if (typeof address === 'string') ec2Id(ctx, address, 'address', 'exAssociateAddress', 'Elastic IP address or allocation id');
  const params: Ec2Params =
    typeof address !== 'string'
      ? addressParam(address)
      : address.startsWith('eipalloc-')
        ? { AllocationId: address }
        : addressParam(await resolve(ctx, address, options.signal, 'exAssociateAddress'));
  const res = await ctx.client.call(
    'AssociateAddress',
    { ...params, InstanceId: instanceId, AllowReassociation: options.allowReassociation },
    { signal: options.signal },
  );
  return txt(res, 'associationId') ?? '';
}

/** DisassociateAddress (by association id for VPC addresses, looked up when needed). */
export async function disassociateAddress(ctx: Ec2Context, address: Ec2AddressRef, options: CallOptions = {}): Promise<boolean> {
  const a = await resolve(ctx, address, options.signal, 'exDisassociateAddress');
  const params: Ec2Params = a.associationId !== undefined ? { AssociationId: a.associationId } : { PublicIp: a.publicIp };
  return returned(await ctx.client.call('DisassociateAddress', params, { signal: options.signal }));
}

/** ReleaseAddress. */
export async function releaseAddress(ctx: Ec2Context, address: Ec2AddressRef, options: CallOptions = {}): Promise<boolean> {
  if (typeof address === 'string') ec2Id(ctx, address, 'address', 'exReleaseAddress', 'Elastic IP address or allocation id');
  const params: Ec2Params =
    typeof address !== 'string'
      ? addressParam(address)
      : address.startsWith('eipalloc-')
        ? { AllocationId: address }
        : addressParam(await resolve(ctx, address, options.signal, 'exReleaseAddress'));
  return returned(await ctx.client.call('ReleaseAddress', params, { signal: options.signal }));
}
