import { randomUUID } from 'node:crypto';
import { refId, type CreateNodeOptions, type ListNodesOptions, type Node, type NodeSize, type Ref } from '@cloudmux/core/compute';
import { checkExKeys, type CallOptions } from '@cloudmux/core';
import { InvalidArgumentError, MalformedResponseError, NotFoundError } from '@cloudmux/core/errors';
import type { Ec2Context } from './context.js';
import { ec2Id, ec2RefId } from './ids.js';
import { ensureKeyPairForAuth } from './key-pairs.js';
import { addFilters, addList, addTagSpecification, type Ec2Filters, type Ec2Params } from './params.js';
import { ec2DefaultsOf, type Ec2LaunchTags } from './providers.js';
import { launchTagsOf, tagAfterLaunch, tagsFromParams, withTags } from './launch-tags.js';
import { nodesOfReservations, toNode, UNREAD_INSTANCE_ELEMENTS } from './to-node.js';
import type { Ec2NodeExtra } from './types.js';
import { items, txt } from './wire.js';

/** Provider filters of `listNodes` / `iterateNodes` (`ex`). */
export interface Ec2ListNodesEx {
  /** EC2 filters, e.g. `{ 'instance-state-name': 'running', 'tag:env': ['prod', 'staging'] }`. */
  filters?: Ec2Filters | undefined;
}

/** @deprecated Renamed {@link Ec2ListNodesEx} (provider `ex` option types end in `Ex`). */
export type Ec2ListNodesFilters = Ec2ListNodesEx;

/** The keys of {@link Ec2ListNodesEx} (unknown `ex` keys are refused). */
const LIST_NODES_EX_KEYS = Object.keys({ filters: true } satisfies Record<keyof Ec2ListNodesEx, true>);

/** One block device mapping of `createNode`/`exCreateImage`. */
export interface Ec2BlockDeviceMapping {
  /** Device name (`/dev/sdh`, `/dev/xvda`). */
  deviceName: string;
  /** Instance store volume (`ephemeral0`). */
  virtualName?: string | undefined;
  /** Suppress a device of the AMI's mapping. */
  noDevice?: boolean | undefined;
  /** EBS volume settings. */
  ebs?:
    | {
        /** Size in GiB. */
        volumeSizeGb?: number | undefined;
        /** `gp3`, `gp2`, `io1`, `io2`, `st1`, `sc1`, `standard`. */
        volumeType?: string | undefined;
        /** Snapshot to create the volume from. */
        snapshotId?: string | undefined;
        /** Delete with the instance (EC2's default: true for the root device). */
        deleteOnTermination?: boolean | undefined;
        /** Provisioned IOPS. */
        iops?: number | undefined;
        /** Throughput in MiB/s (gp3). */
        throughput?: number | undefined;
        /** Encrypt the volume. */
        encrypted?: boolean | undefined;
      }
    | undefined;
}

/** EC2 extensions of `createNode` (`ex`). */
export interface Ec2CreateNodeEx {
  /** Key pair name (instead of `auth`). */
  keyName?: string | undefined;
  /** Security group names (EC2-Classic / default VPC). */
  securityGroups?: readonly string[] | undefined;
  /** Alias of `securityGroups` (Libcloud's `ex_security_groups` names); give one of the two. */
  securityGroupNames?: readonly string[] | undefined;
  /** Security group ids. */
  securityGroupIds?: readonly string[] | undefined;
  /** Subnet id (VPC). */
  subnetId?: string | undefined;
  /** Primary private IPv4 address in the subnet. */
  privateIpAddress?: string | undefined;
  /** User data (cloud-init); base64-encoded for you. */
  userData?: string | Buffer | undefined;
  /** IAM instance profile: a name or an ARN. */
  iamInstanceProfile?: string | undefined;
  /** Block device mappings. */
  blockDeviceMappings?: readonly Ec2BlockDeviceMapping[] | undefined;
  /** Tags for the instance (and its volumes); `name` becomes the `Name` tag. */
  tags?: Readonly<Record<string, string>> | undefined;
  /** Alias of `tags` (libcloud's `ex_metadata`). */
  metadata?: Readonly<Record<string, string>> | undefined;
  /** Launch at least this many (default 1). */
  minCount?: number | undefined;
  /** Launch at most this many (default `minCount`). */
  maxCount?: number | undefined;
  /**
   * Idempotency token, 1 to 64 ASCII characters (default: a new UUID per call, reused by retries of that call).
   * After a failed `createNode`, pass the error's `clientToken` here to retry without launching twice.
   */
  clientToken?: string | undefined;
  /** EBS-optimized instance. */
  ebsOptimized?: boolean | undefined;
  /** Detailed monitoring. */
  monitoring?: boolean | undefined;
  /** What an OS-level shutdown does: `stop` (default) or `terminate`. */
  shutdownBehavior?: 'stop' | 'terminate' | undefined;
}

/** The keys of {@link Ec2CreateNodeEx} (unknown `ex` keys are refused). */
const CREATE_NODE_EX_KEYS = Object.keys({
  keyName: true,
  securityGroups: true,
  securityGroupNames: true,
  securityGroupIds: true,
  subnetId: true,
  privateIpAddress: true,
  userData: true,
  iamInstanceProfile: true,
  blockDeviceMappings: true,
  tags: true,
  metadata: true,
  minCount: true,
  maxCount: true,
  clientToken: true,
  ebsOptimized: true,
  monitoring: true,
  shutdownBehavior: true,
} satisfies Record<keyof Ec2CreateNodeEx, true>);

/** Options of `createNode` on EC2. */
export type Ec2CreateNodeOptions = CreateNodeOptions<Ec2CreateNodeEx>;

function describeParams(options: ListNodesOptions<Ec2ListNodesEx>): Ec2Params {
  const filters: Record<string, string | readonly string[]> = { ...(options.ex?.filters ?? {}) };
  if (options.ids !== undefined) filters['instance-id'] = [...options.ids];
  return addFilters({}, filters);
}

/**
 * DescribeInstances pages (MaxResults/NextToken; ids become an `instance-id` filter so unknown ids are
 * skipped, not errors), mapped page by page. `readAhead` requests each next page while the current one is mapped.
 */
async function* pagesOfNodes(
  ctx: Ec2Context,
  options: ListNodesOptions<Ec2ListNodesEx>,
  readAhead: boolean,
): AsyncGenerator<Node<Ec2NodeExtra>[]> {
  checkExKeys(options.ex, LIST_NODES_EX_KEYS, { method: 'listNodes', provider: ctx.settings.provider.id });
  if (options.ids !== undefined && options.ids.length === 0) return;
  const pages = ctx.client.paginate('DescribeInstances', describeParams(options), ctx.settings.pageSize, {
    signal: options.signal,
    readAhead,
    skip: UNREAD_INSTANCE_ELEMENTS,
  });
  for await (const page of pages) yield nodesOfReservations(page, ctx.driver);
}

/** Iterates instances lazily, one page at a time. */
export async function* iterateNodes(ctx: Ec2Context, options: ListNodesOptions<Ec2ListNodesEx> = {}): AsyncGenerator<Node<Ec2NodeExtra>> {
  for await (const page of pagesOfNodes(ctx, options, false)) yield* page;
}

/** Every instance: all pages, each next page requested while the current one is parsed and mapped. */
export async function listNodes(ctx: Ec2Context, options: ListNodesOptions<Ec2ListNodesEx> = {}): Promise<Node<Ec2NodeExtra>[]> {
  const out: Node<Ec2NodeExtra>[] = [];
  for await (const page of pagesOfNodes(ctx, options, true)) for (const node of page) out.push(node);
  return out;
}

/** DescribeInstances for one id; `NotFoundError` when EC2 does not know it. */
export async function getNode(ctx: Ec2Context, id: string, options: CallOptions = {}, method = 'getNode'): Promise<Node<Ec2NodeExtra>> {
  id = ec2RefId(ctx, id, method === 'getNode' ? 'id' : 'node', method, 'instance id');
  const page = await ctx.client.call(
    'DescribeInstances',
    { 'InstanceId.1': id },
    { idempotent: true, signal: options.signal, skip: UNREAD_INSTANCE_ELEMENTS },
  );
  const node = nodesOfReservations(page, ctx.driver).find((n) => n.id === id);
  if (node === undefined)
    throw new NotFoundError(`${ctx.settings.provider.id}: instance ${id} not found`, {
      provider: ctx.settings.provider.id,
      providerCode: 'InvalidInstanceID.NotFound',
    });
  return node;
}

/** Adds `prefix.N.*` block device mapping parameters (RunInstances, CreateImage). */
export function blockDeviceParams(params: Ec2Params, prefix: string, mappings: readonly Ec2BlockDeviceMapping[] | undefined): void {
  mappings?.forEach((m, i) => {
    const p = `${prefix}.${i + 1}`;
    params[`${p}.DeviceName`] = m.deviceName;
    params[`${p}.VirtualName`] = m.virtualName;
    if (m.noDevice) params[`${p}.NoDevice`] = '';
    const ebs = m.ebs;
    if (ebs !== undefined) {
      params[`${p}.Ebs.VolumeSize`] = ebs.volumeSizeGb;
      params[`${p}.Ebs.VolumeType`] = ebs.volumeType;
      params[`${p}.Ebs.SnapshotId`] = ebs.snapshotId;
      params[`${p}.Ebs.DeleteOnTermination`] = ebs.deleteOnTermination;
      params[`${p}.Ebs.Iops`] = ebs.iops;
      params[`${p}.Ebs.Throughput`] = ebs.throughput;
      params[`${p}.Ebs.Encrypted`] = ebs.encrypted;
    }
  });
}

function count(name: string, v: number | undefined): number | undefined {
  if (v !== undefined && (!Number.isInteger(v) || v < 1))
    throw new InvalidArgumentError(`createNode: ex.${name} must be a positive integer, got ${String(v)}`);
  return v;
}

/**
 * RunInstances parameters for `options` (without the key pair derived from `auth`); the tags go in
 * `TagSpecification` unless the provider applies them otherwise (`launchTags`).
 */
export function runInstancesParams(
  options: Ec2CreateNodeOptions,
  keyName: string | undefined,
  clientToken: string,
  launchTags: Ec2LaunchTags = 'tag-specification',
): Ec2Params {
  const ex = options.ex ?? {};
  if (ex.securityGroups !== undefined && ex.securityGroupNames !== undefined)
    throw new InvalidArgumentError('createNode: pass either ex.securityGroups or its alias ex.securityGroupNames, not both');
  const minCount = count('minCount', ex.minCount) ?? 1;
  const maxCount = count('maxCount', ex.maxCount) ?? minCount;
  if (maxCount < minCount) throw new InvalidArgumentError(`createNode: ex.maxCount (${maxCount}) is less than ex.minCount (${minCount})`);
  const params: Ec2Params = {
    ImageId: refId(options.image),
    InstanceType: refId(options.size),
    MinCount: minCount,
    MaxCount: maxCount,
    ClientToken: clientToken,
    KeyName: keyName,
    'Placement.AvailabilityZone': options.location === undefined ? undefined : refId(options.location),
    SubnetId: ex.subnetId,
    PrivateIpAddress: ex.privateIpAddress,
    EbsOptimized: ex.ebsOptimized,
    'Monitoring.Enabled': ex.monitoring,
    InstanceInitiatedShutdownBehavior: ex.shutdownBehavior,
  };
  addList(params, 'SecurityGroup', ex.securityGroups ?? ex.securityGroupNames);
  addList(params, 'SecurityGroupId', ex.securityGroupIds);
  if (ex.userData !== undefined)
    params.UserData = (typeof ex.userData === 'string' ? Buffer.from(ex.userData, 'utf8') : ex.userData).toString('base64');
  if (ex.iamInstanceProfile !== undefined)
    params[ex.iamInstanceProfile.startsWith('arn:') ? 'IamInstanceProfile.Arn' : 'IamInstanceProfile.Name'] = ex.iamInstanceProfile;
  blockDeviceParams(params, 'BlockDeviceMapping', ex.blockDeviceMappings);
  if (launchTags === 'tag-specification') addTagSpecification(params, 1, 'instance', launchTagsOf(options));
  return params;
}

/**
 * RunInstances with an idempotency `ClientToken` (generated once per call unless `ex.clientToken` is given),
 * so the connection may retry it after a dropped connection without launching twice. Returns every launched
 * instance. When the retries run out, the error carries the token (`err.clientToken`, with
 * `err.mayHaveSucceeded` when EC2 may have launched): call again with `ex: { clientToken }` to get the same
 * launch's instances instead of new ones.
 */
export async function createNodes(ctx: Ec2Context, options: Ec2CreateNodeOptions): Promise<Node<Ec2NodeExtra>[]> {
  const ex = checkExKeys(options.ex, CREATE_NODE_EX_KEYS, { method: 'createNode', provider: ctx.settings.provider.id }) ?? {};
  if (options.auth?.kind === 'password') {
    throw new InvalidArgumentError(
      `${ctx.settings.provider.name} cannot set a login password at launch; use auth { kind: 'ssh-key' } or ex.keyName`,
      { provider: ctx.settings.provider.id },
    );
  }
  if (options.auth !== undefined && ex.keyName !== undefined)
    throw new InvalidArgumentError('createNode: pass either auth or ex.keyName, not both');
  if (ex.keyName !== undefined) ec2Id(ctx, ex.keyName, 'ex.keyName', 'createNode', 'key pair name');
  if (ex.clientToken !== undefined && !(typeof ex.clientToken === 'string' && /^[\x21-\x7e]{1,64}$/.test(ex.clientToken))) {
    throw new InvalidArgumentError(
      `createNode: ex.clientToken must be 1 to 64 printable ASCII characters, got ${JSON.stringify(ex.clientToken)}`,
      { provider: ctx.settings.provider.id },
    );
  }
  const keyName = options.auth !== undefined ? await ensureKeyPairForAuth(ctx, options.auth.publicKey, options.signal) : ex.keyName;
  const clientToken = ex.clientToken ?? randomUUID();
  const launchTags = ec2DefaultsOf(ctx.settings.provider).launchTags ?? 'tag-specification';
  const params = runInstancesParams(options, keyName, clientToken, launchTags);
  const res = await ctx.client.call('RunInstances', params, {
    idempotent: true,
    signal: options.signal,
    checkHint: `call createNode again with the same options and ex: { clientToken: ${JSON.stringify(clientToken)} }: EC2 then returns this launch's instances instead of launching more (or look for them with listNodes({ ex: { filters: { 'client-token': ${JSON.stringify(clientToken)} } } }))`,
  });
  const launched = items(res, 'instancesSet');
  let tags = params['TagSpecification.1.ResourceType'] === 'instance' ? tagsFromParams(params) : [];
  if (launchTags !== 'tag-specification') tags = await tagAfterLaunch(ctx, launchTags, launched, launchTagsOf(options), options.signal);
  return launched.map((item) => toNode(withTags(item, tags), ctx.driver, res));
}

/** The portable method behind each instance-state action (for error messages). */
const INSTANCE_ACTION_METHODS: Readonly<Record<string, string>> = {
  RebootInstances: 'rebootNode',
  TerminateInstances: 'destroyNode',
  StartInstances: 'startNode',
  StopInstances: 'stopNode',
};

/** Runs an instance-state action (Reboot/Terminate/Start/Stop) and says whether EC2 accepted it. */
export async function instanceAction(
  ctx: Ec2Context,
  action: string,
  node: Ref<Node>,
  options: CallOptions & { force?: boolean | undefined } = {},
): Promise<boolean> {
  const id = ec2RefId(ctx, node, 'node', INSTANCE_ACTION_METHODS[action] ?? action, 'instance id');
  const params: Ec2Params = { 'InstanceId.1': id };
  if (options.force) params.Force = true;
  const res = await ctx.client.call(action, params, { idempotent: true, signal: options.signal });
  if (action === 'RebootInstances') return res.return === undefined || res.return === 'true';
  if (items(res, 'instancesSet').some((i) => txt(i, 'instanceId') === id)) return true;
  // EC2 answers a state change of the instances asked for: an answer that does not name this one is
  // not a "no" (that is an error response), it is a response cloudmux cannot read.
  throw new MalformedResponseError(
    `${ctx.settings.provider.name}: ${action} answered without the state change of instance ${id}`,
    JSON.stringify(res).slice(0, 512),
    { provider: ctx.settings.provider.id, requestId: txt(res, 'requestId') },
  );
}

/** ModifyInstanceAttribute with the parameters as EC2 names them (`{ 'InstanceType.Value': 'm5.large' }`). */
export async function modifyInstanceAttribute(
  ctx: Ec2Context,
  node: Ref<Node>,
  attributes: Readonly<Record<string, string | number | boolean>>,
  options: CallOptions = {},
  method = 'exModifyInstanceAttribute',
): Promise<boolean> {
  const id = ec2RefId(ctx, node, 'node', method, 'instance id');
  const names = Object.keys(attributes ?? {});
  if (names.length === 0)
    throw new InvalidArgumentError(`${method}: "attributes" must hold at least one attribute (e.g. { 'InstanceType.Value': 'm5.large' })`, {
      provider: ctx.settings.provider.id,
    });
  for (const n of names)
    if (n === 'InstanceId' || n === 'Action' || n === 'Version')
      throw new InvalidArgumentError(`${method}: "${n}" is not an instance attribute`, { provider: ctx.settings.provider.id });
  const res = await ctx.client.call(
    'ModifyInstanceAttribute',
    { InstanceId: id, ...attributes },
    { idempotent: true, signal: options.signal },
  );
  return res.return === undefined || res.return === 'true';
}

/** Changes a stopped instance's type (ModifyInstanceAttribute `InstanceType.Value`; Libcloud's `ex_change_node_size`). */
export function resizeNode(ctx: Ec2Context, node: Ref<Node>, size: Ref<NodeSize>, options: CallOptions = {}): Promise<boolean> {
  const type = ec2RefId(ctx, size, 'size', 'exResizeNode', 'instance type');
  return modifyInstanceAttribute(ctx, node, { 'InstanceType.Value': type }, options, 'exResizeNode');
}

/** GetConsoleOutput, base64-decoded (`''` when the instance has produced none yet). */
export async function getConsoleOutput(
  ctx: Ec2Context,
  node: Ref<Node>,
  options: CallOptions & { latest?: boolean | undefined } = {},
): Promise<string> {
  const id = ec2RefId(ctx, node, 'node', 'exGetConsoleOutput', 'instance id');
  const res = await ctx.client.call(
    'GetConsoleOutput',
    { InstanceId: id, Latest: options.latest },
    { idempotent: true, signal: options.signal },
  );
  const out = txt(res, 'output');
  return out === undefined ? '' : Buffer.from(out, 'base64').toString('utf8');
}
