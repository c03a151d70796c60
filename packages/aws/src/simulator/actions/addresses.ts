import { Ec2Error, missingParameter } from '../errors.js';
import { compileFilters, parseFilters, type FilterField } from '../filters.js';
import { newId } from '../ids.js';
import type { AddressRecord, InstanceRecord } from '../model.js';
import { tagSpecifications } from '../params.js';
import type { Ec2State } from '../state.js';
import type { XmlWriter } from '../xml-writer.js';
import type { ActionContext, ActionTable } from './context.js';

function fields(state: Ec2State): Record<string, FilterField<AddressRecord>> {
  return {
    'allocation-id': (a) => a.allocationId,
    'association-id': (a) => a.associationId,
    domain: () => 'vpc',
    'instance-id': (a) => a.instanceId,
    'public-ip': (a) => a.publicIp,
    'network-border-group': () => state.options.region,
    'private-ip-address': (a) => (a.instanceId ? state.instances.get(a.instanceId)?.privateIp : undefined),
  };
}

function target(ctx: ActionContext): AddressRecord {
  const id = ctx.params.get('AllocationId');
  if (id !== undefined) return ctx.state.address(id);
  const ip = ctx.params.get('PublicIp');
  if (ip !== undefined) return ctx.state.addressByIp(ip);
  throw missingParameter('AllocationId');
}

/** Removes an Elastic IP from its instance, which gets an auto-assigned address back when it is running. */
function unlink(state: Ec2State, address: AddressRecord): void {
  const inst = address.instanceId ? state.instances.get(address.instanceId) : undefined;
  if (inst && inst.elasticIp === address.allocationId) {
    inst.elasticIp = undefined;
    inst.publicIp = inst.state === 'running' || inst.state === 'pending' ? state.allocatePublicIp() : undefined;
  }
  address.instanceId = undefined;
  address.associationId = undefined;
}

function allocateAddress(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const domain = params.get('Domain') ?? 'vpc';
  if (domain !== 'vpc' && domain !== 'standard') throw new Ec2Error('InvalidParameterValue', `Invalid value '${domain}' for domain.`);
  if (state.addresses.size >= state.options.addressLimit)
    throw new Ec2Error('AddressLimitExceeded', 'The maximum number of addresses has been reached.');
  const tags = tagSpecifications(params, ['elastic-ip']).get('elastic-ip') ?? new Map<string, string>();
  const address: AddressRecord = {
    allocationId: newId('eipalloc'),
    publicIp: state.allocateElasticIp(),
    associationId: undefined,
    instanceId: undefined,
    tags,
  };
  state.addresses.set(address.allocationId, address);
  w.leaf('publicIp', address.publicIp).leaf('domain', 'vpc').leaf('allocationId', address.allocationId);
  w.leaf('publicIpv4Pool', 'amazon').leaf('networkBorderGroup', state.options.region);
}

function findInstance(ctx: ActionContext): InstanceRecord {
  const { params, state } = ctx;
  const instanceId = params.get('InstanceId');
  if (instanceId !== undefined) return state.instance(instanceId);
  const eni = params.get('NetworkInterfaceId');
  if (eni === undefined) throw missingParameter('InstanceId');
  for (const inst of state.instances.values()) if (inst.networkInterfaceId === eni && inst.state !== 'terminated') return inst;
  throw new Ec2Error('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eni}' does not exist`);
}

function associateAddress(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const address = target(ctx);
  const inst = findInstance(ctx);
  if (inst.state !== 'running' && inst.state !== 'stopped' && inst.state !== 'stopping') {
    throw new Ec2Error('IncorrectInstanceState', `The ${inst.state} instance '${inst.id}' is not in a valid state for this operation.`);
  }
  if (address.instanceId === inst.id && address.associationId) {
    w.leaf('return', true).leaf('associationId', address.associationId);
    return;
  }
  if (address.instanceId && params.bool('AllowReassociation') !== true) {
    throw new Ec2Error(
      'Resource.AlreadyAssociated',
      `resource ${address.allocationId} is already associated with associate-id ${address.associationId ?? ''}`,
    );
  }
  if (address.instanceId) unlink(state, address);
  const previous = inst.elasticIp ? state.addresses.get(inst.elasticIp) : undefined;
  if (previous) unlink(state, previous);
  address.instanceId = inst.id;
  address.associationId = newId('eipassoc');
  inst.elasticIp = address.allocationId;
  inst.publicIp = address.publicIp;
  w.leaf('return', true).leaf('associationId', address.associationId);
}

function disassociateAddress(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const associationId = params.get('AssociationId');
  if (associationId !== undefined) {
    const address = [...state.addresses.values()].find((a) => a.associationId === associationId);
    if (!address) throw new Ec2Error('InvalidAssociationID.NotFound', `The association ID '${associationId}' does not exist`);
    unlink(state, address);
  } else {
    const ip = params.get('PublicIp');
    if (ip === undefined) throw missingParameter('AssociationId');
    unlink(state, state.addressByIp(ip));
  }
  w.leaf('return', true);
}

function releaseAddress(ctx: ActionContext, w: XmlWriter): void {
  const { state } = ctx;
  const address = target(ctx);
  if (address.associationId) throw new Ec2Error('InvalidIPAddress.InUse', `Address ${address.publicIp} is in use.`);
  state.addresses.delete(address.allocationId);
  w.leaf('return', true);
}

function describeAddresses(ctx: ActionContext, w: XmlWriter): void {
  const { params, state } = ctx;
  const ips = params.list('PublicIp');
  const ids = params.list('AllocationId');
  let addresses = [...state.addresses.values()];
  if (ips.length > 0 || ids.length > 0) {
    const wanted = new Set([...ips.map((ip) => state.addressByIp(ip)), ...ids.map((id) => state.address(id))]);
    addresses = addresses.filter((a) => wanted.has(a));
  }
  const match = compileFilters(parseFilters(params), fields(state), (a) => a.tags);
  w.list('addressesSet', addresses.filter(match), (a, x) => {
    const inst = a.instanceId ? state.instances.get(a.instanceId) : undefined;
    x.leaf('publicIp', a.publicIp).leaf('allocationId', a.allocationId).leaf('domain', 'vpc');
    if (inst) {
      x.leaf('instanceId', inst.id).leaf('associationId', a.associationId).leaf('networkInterfaceId', inst.networkInterfaceId);
      x.leaf('networkInterfaceOwnerId', state.options.accountId).leaf('privateIpAddress', inst.privateIp);
    }
    if (a.tags.size > 0) x.tags(a.tags);
    x.leaf('publicIpv4Pool', 'amazon').leaf('networkBorderGroup', state.options.region);
  });
}

/** Elastic IP actions. */
export const addressActions: ActionTable = {
  AllocateAddress: allocateAddress,
  AssociateAddress: associateAddress,
  DisassociateAddress: disassociateAddress,
  ReleaseAddress: releaseAddress,
  DescribeAddresses: describeAddresses,
};
