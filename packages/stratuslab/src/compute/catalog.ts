import { InvalidArgumentError, type CallOptions } from '@cloudmux/core';
import {
  NodeLocation,
  NodeSize,
  type ListImagesOptions,
  type NodeImage,
  type NodeSize as NodeSizeType,
  type Ref,
} from '@cloudmux/core/compute';
import type { StratusLabContext } from './context.js';
import { checkImageId } from './ids.js';
import type { StratusLabInstanceType } from './instance-types.js';
import { latestEntries, toImage, type StratusLabImageExtra } from './to-image.js';

/** StratusLab data of a {@link NodeSize}. */
export interface StratusLabSizeExtra {
  /** Virtual CPUs. */
  readonly cpu: number;
  /** Swap disk size in MiB (the root disk comes from the image, so `diskGb` is 0). */
  readonly swapMb: number;
}

/** StratusLab data of a {@link NodeLocation}: the cloud's endpoints (no credentials). */
export interface StratusLabLocationExtra {
  /** one-proxy XML-RPC URL. */
  readonly endpoint: string;
  /** PDisk base URL. */
  readonly pdiskEndpoint: string;
  /** Marketplace base URL. */
  readonly marketplaceEndpoint: string;
  /** Whether this is the driver's default location. */
  readonly isDefault: boolean;
}

/** The instance type `ref` names; unknown names are an `InvalidArgumentError` listing the valid ones. */
export function findInstanceType(ctx: StratusLabContext, ref: Ref<NodeSizeType> | undefined, method: string): StratusLabInstanceType {
  const name = typeof ref === 'string' ? ref : ref?.id;
  const found = ctx.config.instanceTypes.find((t) => t.name === name);
  if (!found) {
    throw new InvalidArgumentError(
      `${method}: unknown size ${JSON.stringify(name)}. Valid sizes: ${ctx.config.instanceTypes.map((t) => t.name).join(', ')}`,
      { provider: 'stratuslab' },
    );
  }
  return found;
}

/** Instance types as sizes (no API call: they are data, plus the file's `[instance_types]`). */
export function listSizes(ctx: StratusLabContext): NodeSize<StratusLabSizeExtra>[] {
  return ctx.config.instanceTypes.map(
    (t) =>
      new NodeSize<StratusLabSizeExtra>(
        { id: t.name, name: t.name, ramMb: t.ramMb, diskGb: 0, vcpus: t.cpu, extra: { cpu: t.cpu, swapMb: t.swapMb } },
        ctx.driver,
      ),
  );
}

/** The configured clouds. */
export function listLocations(ctx: StratusLabContext): NodeLocation<StratusLabLocationExtra>[] {
  return ctx.config.locations.map(
    (l) =>
      new NodeLocation<StratusLabLocationExtra>(
        {
          id: l.id,
          name: l.name,
          country: l.country,
          extra: {
            endpoint: l.endpoint.href,
            pdiskEndpoint: l.pdiskEndpoint,
            marketplaceEndpoint: l.marketplaceEndpoint,
            isDefault: l.id === ctx.config.defaultLocation,
          },
        },
        ctx.driver,
      ),
  );
}

/** Images of the location's Marketplace (`GET /metadata`), newest entry per image id. Errors surface. */
export async function listImages(ctx: StratusLabContext, options: ListImagesOptions = {}): Promise<NodeImage<StratusLabImageExtra>[]> {
  const market = ctx.marketplace(ctx.location(options.location, 'listImages'));
  return latestEntries(await market.list(options.signal)).map((e) => toImage(e, market.metadataUrl(e.identifier), ctx.driver));
}

/** One image (`GET /metadata/<id>`); `NotFoundError` when the Marketplace has no entry. */
export async function getImage(ctx: StratusLabContext, id: string, options: CallOptions = {}): Promise<NodeImage<StratusLabImageExtra>> {
  const imageId = checkImageId(id, 'id', 'getImage');
  const market = ctx.marketplace(ctx.location(undefined, 'getImage'));
  const [entry] = latestEntries(await market.get(imageId, options.signal));
  return toImage(entry!, market.metadataUrl(imageId), ctx.driver);
}
