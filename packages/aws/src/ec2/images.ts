import { checkExKeys, type CallOptions } from '@cloudmux/core';
import { NotFoundError } from '@cloudmux/core/errors';
import type { ListImagesOptions, Node, NodeImage, Ref } from '@cloudmux/core/compute';
import { ec2Id, ec2RefId } from './ids.js';
import { randomUUID } from 'node:crypto';
import type { Ec2Context } from './context.js';
import { returned } from './context.js';
import { blockDeviceParams, type Ec2BlockDeviceMapping } from './nodes.js';
import { addFilters, addList, addTagSpecification, type Ec2Filters, type Ec2Params } from './params.js';
import { EC2_API_VERSION } from './providers.js';
import { toImage } from './to-resources.js';
import type { Ec2ImageExtra } from './types.js';
import { items, txt } from './wire.js';

/** What `listImages` asks for (`ex`). Without any of them, EC2 lists images owned by you and by Amazon. */
export interface Ec2ImageQuery {
  /** Owners: account ids, `self`, `amazon`, `aws-marketplace`. */
  owners?: readonly string[] | undefined;
  /** Images these accounts (or `self`, `all`) may launch. */
  executableBy?: readonly string[] | undefined;
  /** Only these AMI ids. */
  ids?: readonly string[] | undefined;
  /** EC2 filters (`name`, `architecture`, `state`, `tag:Key`…). */
  filters?: Ec2Filters | undefined;
}

/** The `ex` of `listImages` / `iterateImages` on EC2 (the {@link Ec2ImageQuery}). */
export type Ec2ListImagesEx = Ec2ImageQuery;

/** Options of `listImages` / `iterateImages` on EC2: the portable ones plus `ex`. */
export interface Ec2ListImagesOptions extends ListImagesOptions {
  /** Owners, ids, executable-by and filters. */
  ex?: Ec2ListImagesEx | undefined;
}

/** The keys of {@link Ec2ImageQuery} (unknown `ex` keys are refused). */
const IMAGE_QUERY_KEYS = Object.keys({ owners: true, executableBy: true, ids: true, filters: true } satisfies Record<
  keyof Ec2ImageQuery,
  true
>);

/** DescribeImages, following pages where the API version supports them. */
export async function* iterateImages(
  ctx: Ec2Context,
  query: Ec2ImageQuery = {},
  options: CallOptions = {},
): AsyncGenerator<NodeImage<Ec2ImageExtra>> {
  checkExKeys(query, IMAGE_QUERY_KEYS, { method: 'listImages', provider: ctx.settings.provider.id });
  const params: Ec2Params = {};
  const unscoped = query.owners === undefined && query.executableBy === undefined && query.ids === undefined;
  // All public AMIs number in the hundreds of thousands on AWS: default to yours and Amazon's there.
  addList(params, 'Owner', unscoped && ctx.settings.provider.regions.length > 0 ? ['self', 'amazon'] : query.owners);
  addList(params, 'ExecutableBy', query.executableBy);
  addList(params, 'ImageId', query.ids);
  addFilters(params, query.filters);
  const pageSize = query.ids === undefined && ctx.settings.apiVersion === EC2_API_VERSION ? ctx.settings.pageSize : undefined;
  for await (const page of ctx.client.paginate('DescribeImages', params, pageSize, { signal: options.signal })) {
    for (const i of items(page, 'imagesSet')) yield toImage(i, ctx.driver);
  }
}

/** DescribeImages for one AMI id; `NotFoundError` when absent. */
export async function getImage(ctx: Ec2Context, id: string, options: CallOptions = {}): Promise<NodeImage<Ec2ImageExtra>> {
  ec2Id(ctx, id, 'id', 'getImage', 'image id');
  const res = await ctx.client.call('DescribeImages', { 'ImageId.1': id }, { idempotent: true, signal: options.signal });
  const found = items(res, 'imagesSet').find((i) => txt(i, 'imageId') === id);
  if (found === undefined)
    throw new NotFoundError(`${ctx.settings.provider.id}: image ${id} not found`, {
      provider: ctx.settings.provider.id,
      providerCode: 'InvalidAMIID.NotFound',
    });
  return toImage(found, ctx.driver);
}

/** Options of `exCreateImage`. */
export interface Ec2CreateImageOptions extends CallOptions {
  /** AMI name (unique per account and region). */
  name: string;
  /** Description. */
  description?: string | undefined;
  /** Do not reboot the instance first (file system consistency is then not guaranteed). */
  noReboot?: boolean | undefined;
  /** Block device mappings. */
  blockDeviceMappings?: readonly Ec2BlockDeviceMapping[] | undefined;
  /** Tags for the new image. */
  tags?: Readonly<Record<string, string>> | undefined;
}

async function imageOrStub(
  ctx: Ec2Context,
  id: string,
  name: string,
  description: string | undefined,
  options: CallOptions,
): Promise<NodeImage<Ec2ImageExtra>> {
  try {
    return await getImage(ctx, id, options);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    // Not visible yet (eventual consistency): describe what was asked for.
    return toImage({ imageId: id, name, imageState: 'pending', ...(description !== undefined ? { description } : {}) }, ctx.driver);
  }
}

/** CreateImage from an instance; returns the new (pending) image. */
export async function createImage(ctx: Ec2Context, node: Ref<Node>, options: Ec2CreateImageOptions): Promise<NodeImage<Ec2ImageExtra>> {
  const params: Ec2Params = {
    InstanceId: ec2RefId(ctx, node, 'node', 'exCreateImage', 'instance id'),
    Name: options.name,
    Description: options.description,
    NoReboot: options.noReboot,
  };
  blockDeviceParams(params, 'BlockDeviceMapping', options.blockDeviceMappings);
  addTagSpecification(params, 1, 'image', options.tags);
  const res = await ctx.client.call('CreateImage', params, { signal: options.signal });
  return imageOrStub(ctx, txt(res, 'imageId') ?? '', options.name, options.description, options);
}

/** DeregisterImage. */
export async function deregisterImage(ctx: Ec2Context, image: Ref<NodeImage>, options: CallOptions = {}): Promise<boolean> {
  const imageId = ec2RefId(ctx, image, 'image', 'exDeregisterImage', 'image id');
  return returned(await ctx.client.call('DeregisterImage', { ImageId: imageId }, { signal: options.signal }));
}

/** Options of `exCopyImage`. */
export interface Ec2CopyImageOptions extends CallOptions {
  /** Region of the source AMI. */
  sourceRegion: string;
  /** Source AMI id. */
  sourceImageId: string;
  /** Name of the copy. */
  name: string;
  /** Description of the copy. */
  description?: string | undefined;
  /** Encrypt the copy's snapshots. */
  encrypted?: boolean | undefined;
  /** Idempotency token (default: a new UUID per call). */
  clientToken?: string | undefined;
}

/** CopyImage into this driver's region (idempotent through `ClientToken`); returns the new (pending) image. */
export async function copyImage(ctx: Ec2Context, options: Ec2CopyImageOptions): Promise<NodeImage<Ec2ImageExtra>> {
  const params: Ec2Params = {
    SourceRegion: options.sourceRegion,
    SourceImageId: ec2Id(ctx, options.sourceImageId, 'sourceImageId', 'exCopyImage', 'image id'),
    Name: options.name,
    Description: options.description,
    Encrypted: options.encrypted,
    ClientToken: options.clientToken ?? randomUUID(),
  };
  const res = await ctx.client.call('CopyImage', params, { idempotent: true, signal: options.signal });
  return imageOrStub(ctx, txt(res, 'imageId') ?? '', options.name, options.description, options);
}
