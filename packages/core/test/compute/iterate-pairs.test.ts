// listX/iterateX pairs of NodeDriver for sizes, images, locations and key pairs: listX drains
// iterateX; a driver that only overrides listX (a provider without pagination) still iterates.
import {
  COMPUTE_METHODS,
  KeyPair,
  NodeDriver,
  NodeImage,
  NodeLocation,
  NodeSize,
  type ComputeMethod,
  type ListSizesOptions,
} from '@cloudmux/core/compute';
import { NotSupportedError } from '@cloudmux/core/errors';
import type { Capabilities, ProviderDefinition } from '@cloudmux/core';

const PROVIDER: ProviderDefinition = { id: 'pairs', name: 'Pairs', api: 'test', regions: [] };

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Overrides the iterate side only. */
class Iterating extends NodeDriver {
  static override readonly provider = PROVIDER;
  static override readonly capabilities: Capabilities<ComputeMethod> = [...COMPUTE_METHODS];
  seen: unknown[] = [];
  override async *iterateSizes(options?: ListSizesOptions): AsyncIterable<NodeSize> {
    this.seen.push(options);
    yield new NodeSize({ id: 's1', name: 's1', ramMb: 1, diskGb: 1, vcpus: 1, bandwidthGb: undefined, price: undefined, extra: {} }, this);
    yield new NodeSize({ id: 's2', name: 's2', ramMb: 2, diskGb: 2, vcpus: 2, bandwidthGb: undefined, price: undefined, extra: {} }, this);
  }
  override async *iterateImages(): AsyncIterable<NodeImage> {
    yield new NodeImage({ id: 'i1', name: 'i1', extra: {} }, this);
  }
  override async *iterateLocations(): AsyncIterable<NodeLocation> {
    yield new NodeLocation({ id: 'l1', name: 'l1', country: 'NL', extra: {} }, this);
  }
  override async *iterateKeyPairs(): AsyncIterable<KeyPair> {
    yield new KeyPair({ name: 'k1', fingerprint: 'f', extra: {} }, this);
  }
}

/** Overrides the list side only (no pagination). */
class Listing extends NodeDriver {
  static override readonly provider = PROVIDER;
  static override readonly capabilities: Capabilities<ComputeMethod> = [...COMPUTE_METHODS];
  override async listImages(): Promise<NodeImage[]> {
    return [new NodeImage({ id: 'a', name: 'a', extra: {} }, this), new NodeImage({ id: 'b', name: 'b', extra: {} }, this)];
  }
  override async listKeyPairs(): Promise<KeyPair[]> {
    return [new KeyPair({ name: 'k', fingerprint: 'f', extra: {} }, this)];
  }
}

describe('NodeDriver list/iterate pairs', () => {
  it('drains iterateX in listX, passing the options through', async () => {
    const d = new Iterating();
    const ac = new AbortController();
    expect((await d.listSizes({ location: 'l1', signal: ac.signal })).map((s) => s.id)).toEqual(['s1', 's2']);
    expect(d.seen).toEqual([{ location: 'l1', signal: ac.signal }]);
    expect((await d.listImages()).map((i) => i.id)).toEqual(['i1']);
    expect((await d.listLocations()).map((l) => l.id)).toEqual(['l1']);
    expect((await d.listKeyPairs()).map((k) => k.name)).toEqual(['k1']);
  });

  it('iterates what a listX-only override returns', async () => {
    const d = new Listing();
    expect((await collect(d.iterateImages())).map((i) => i.id)).toEqual(['a', 'b']);
    expect((await collect(d.iterateKeyPairs())).map((k) => k.name)).toEqual(['k']);
  });

  it('throws NotSupportedError naming listX when neither side is implemented', async () => {
    const d = new Listing();
    await expect(d.listSizes()).rejects.toThrow(NotSupportedError);
    await expect(d.listSizes()).rejects.toThrow('Pairs does not support listSizes');
    await expect(collect(d.iterateLocations())).rejects.toThrow('Pairs does not support listLocations');
  });
});
