/**
 * A driver in a file of its own, as a third party would ship it: a `NodeDriver` subclass that
 * declares its provider and capabilities. `register-from-file.ts` registers it by module path and
 * export name, the way Libcloud's `set_driver(name, module, class)` does.
 */
import { Node, NodeDriver, NodeSize, NodeState, type ComputeMethod, type CreateNodeOptions } from '@cloudmux/core/compute';
import type { ProviderDefinition } from '@cloudmux/core';
import { NotFoundError } from '@cloudmux/core/errors';

/** An in-memory cloud with two sizes; nodes run as soon as they are created. */
export class TinyCloudDriver extends NodeDriver {
  /** The provider this class serves. */
  static override readonly provider: ProviderDefinition = { id: 'tinycloud', name: 'Tiny Cloud', api: 'compute', regions: [] };
  /** What it supports: the rest throws NotSupportedError. */
  static override readonly capabilities: readonly ComputeMethod[] = ['listNodes', 'getNode', 'createNode', 'destroyNode', 'listSizes'];

  readonly #nodes = new Map<string, Node>();

  /** Same constructor shape as every driver: `new Driver(key, secret, options)`. */
  constructor(readonly key: string) {
    super();
  }

  override async *iterateNodes(): AsyncIterable<Node> {
    yield* this.#nodes.values();
  }
  override async getNode(id: string): Promise<Node> {
    const node = this.#nodes.get(id);
    if (!node) throw new NotFoundError(`tinycloud has no node ${id}`);
    return node;
  }
  override async createNode(options: CreateNodeOptions): Promise<Node> {
    const id = `tiny-${this.#nodes.size + 1}`;
    const node = new Node({ id, name: options.name ?? id, state: NodeState.RUNNING, publicIps: ['192.0.2.10'] }, this);
    this.#nodes.set(id, node);
    return node;
  }
  override async destroyNode(node: string | Node): Promise<boolean> {
    return this.#nodes.delete(typeof node === 'string' ? node : node.id);
  }
  override async *iterateSizes(): AsyncIterable<NodeSize> {
    yield new NodeSize({ id: 'tiny-1', name: 'Tiny 1', ramMb: 512, diskGb: 10 }, this);
    yield new NodeSize({ id: 'tiny-2', name: 'Tiny 2', ramMb: 1024, diskGb: 20 }, this);
  }
}
