// A minimal in-memory compute driver for deployNode tests that must not depend on a provider:
// nodes turn `running` after `pollsUntilRunning` polls, with the configured addresses.
import { Node, NodeDriver, NodeState, type ComputeMethod, type CreateNodeOptions, type Ref } from '@cloudmux/core/compute';
import { NotFoundError } from '@cloudmux/core/errors';

/** Settings of {@link StubDriver}. */
export interface StubDriverOptions {
  publicIps?: string[];
  privateIps?: string[];
  pollsUntilRunning?: number;
  /** Node enters this state instead of running. */
  failState?: NodeState;
}

/** See the file comment. */
export class StubDriver extends NodeDriver {
  static override readonly provider = { id: 'stub', name: 'Stub', api: 'stub', regions: [] };
  static override readonly capabilities: readonly ComputeMethod[] = [
    'listNodes',
    'getNode',
    'createNode',
    'destroyNode',
    'deployNode',
    'waitUntilRunning',
  ];
  readonly created: CreateNodeOptions[] = [];
  readonly destroyed: string[] = [];
  private readonly polls = new Map<string, number>();
  private seq = 0;

  constructor(private readonly settings: StubDriverOptions = {}) {
    super();
  }

  private make(id: string, name: string): Node {
    const n = this.polls.get(id) ?? 0;
    const ready = n >= (this.settings.pollsUntilRunning ?? 0);
    const state = ready ? (this.settings.failState ?? NodeState.RUNNING) : NodeState.PENDING;
    return new Node(
      {
        id,
        name,
        state,
        publicIps: ready ? (this.settings.publicIps ?? ['127.0.0.1']) : [],
        privateIps: ready ? (this.settings.privateIps ?? []) : [],
      },
      this,
    );
  }

  override async createNode(options: CreateNodeOptions): Promise<Node> {
    this.created.push(options);
    const id = `stub-${++this.seq}`;
    this.polls.set(id, 0);
    return this.make(id, options.name ?? id);
  }

  override async getNode(id: string): Promise<Node> {
    if (!this.polls.has(id) || this.destroyed.includes(id)) throw new NotFoundError(`node ${id} not found`);
    this.polls.set(id, this.polls.get(id)! + 1);
    return this.make(id, id);
  }

  override async *iterateNodes(): AsyncIterable<Node> {
    for (const id of this.polls.keys()) if (!this.destroyed.includes(id)) yield await this.getNode(id);
  }

  override async destroyNode(node: Ref<Node>): Promise<boolean> {
    this.destroyed.push(typeof node === 'string' ? node : node.id);
    return true;
  }
}

/** A stub driver that accepts boot scripts in `ex.userScript`. */
export class BootScriptStubDriver extends StubDriver {
  static override readonly bootScriptExKey: string | undefined = 'userScript';
}
