import type { ComputeMethod, NodeDriver } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { errorOf } from './harness.js';
import { generateTestPublicKey } from './ssh-keys.js';

/**
 * Ids no driver may send: empty, only whitespace, a bare `/`, a parent-directory step, and a value
 * that would split into two path segments. Sent as a path segment they turn "delete this tag" into
 * "delete every tag", "get this node" into "list nodes", "reboot this node" into a create call.
 */
export const HOSTILE_IDS: readonly string[] = Object.freeze(['', '   ', '/', '..', 'a/b']);

/** Optional hooks a compute conformance suite may give besides `setup()`. */
export interface ComputeConformanceHooks {
  /**
   * How many requests the provider (its simulator) has received so far, for the current test's
   * driver. With it, the empty/hostile id check also proves that a refused call sent nothing; without
   * it (drivers without HTTP, such as Dummy) that part is skipped, and the test name says so.
   */
  requestCount?(): number;
}

type IdCall = { label: string; call(d: NodeDriver, id: string): unknown };

let cachedKey: string | undefined;
/** A valid OpenSSH public key, so an import can only be refused for its name. */
function validPublicKey(): string {
  return (cachedKey ??= generateTestPublicKey('cloudmux-hostile-id').line);
}

/**
 * Every portable method that takes an id, name or key, with each such argument in turn hostile
 * (the others harmless). Checked only for methods the driver declares.
 */
export const ID_CALLS: Readonly<Partial<Record<ComputeMethod, readonly IdCall[]>>> = {
  getNode: [{ label: 'getNode(id)', call: (d, id) => d.getNode(id) }],
  rebootNode: [{ label: 'rebootNode(node)', call: (d, id) => d.rebootNode(id) }],
  destroyNode: [{ label: 'destroyNode(node)', call: (d, id) => d.destroyNode(id) }],
  startNode: [{ label: 'startNode(node)', call: (d, id) => d.startNode(id) }],
  stopNode: [{ label: 'stopNode(node)', call: (d, id) => d.stopNode(id) }],
  getImage: [{ label: 'getImage(id)', call: (d, id) => d.getImage(id) }],
  waitUntilRunning: [
    { label: 'waitUntilRunning([node])', call: (d, id) => d.waitUntilRunning([id], { timeoutMs: 2000, requireIp: false }) },
  ],
  attachVolume: [
    { label: 'attachVolume(volume, { node }) with a hostile node', call: (d, id) => d.attachVolume('cloudmux-volume', { node: id }) },
    { label: 'attachVolume(volume, { node }) with a hostile volume', call: (d, id) => d.attachVolume(id, { node: 'cloudmux-node' }) },
  ],
  detachVolume: [{ label: 'detachVolume(volume)', call: (d, id) => d.detachVolume(id) }],
  destroyVolume: [{ label: 'destroyVolume(volume)', call: (d, id) => d.destroyVolume(id) }],
  listVolumeSnapshots: [{ label: 'listVolumeSnapshots({ volume })', call: (d, id) => d.listVolumeSnapshots({ volume: id }) }],
  createVolumeSnapshot: [{ label: 'createVolumeSnapshot(volume)', call: (d, id) => d.createVolumeSnapshot(id) }],
  destroyVolumeSnapshot: [{ label: 'destroyVolumeSnapshot(snapshot)', call: (d, id) => d.destroyVolumeSnapshot(id) }],
  getKeyPair: [{ label: 'getKeyPair(name)', call: (d, id) => d.getKeyPair(id) }],
  createKeyPair: [{ label: 'createKeyPair({ name })', call: (d, id) => d.createKeyPair({ name: id }) }],
  importKeyPairFromString: [
    { label: 'importKeyPairFromString({ name })', call: (d, id) => d.importKeyPairFromString({ name: id, publicKey: validPublicKey() }) },
  ],
  deleteKeyPair: [{ label: 'deleteKeyPair(name)', call: (d, id) => d.deleteKeyPair(id) }],
};

/** The methods of {@link ID_CALLS}, in `COMPUTE_METHODS` order of declaration there. */
export const ID_METHODS: readonly ComputeMethod[] = Object.keys(ID_CALLS) as ComputeMethod[];

/**
 * Calls `method` with every {@link HOSTILE_IDS} value in every id argument and checks that each call
 * throws `InvalidArgumentError` naming the method, and (with `requestCount`) that no request was sent.
 */
export async function checkHostileIds(driver: NodeDriver, method: ComputeMethod, requestCount: (() => number) | undefined): Promise<void> {
  const problems: string[] = [];
  for (const { label, call } of ID_CALLS[method] ?? []) {
    for (const id of HOSTILE_IDS) {
      const before = requestCount?.();
      let err: unknown;
      try {
        err = await errorOf(() => call(driver, id));
      } catch {
        problems.push(`${label} with ${JSON.stringify(id)} succeeded; it must throw InvalidArgumentError`);
        continue;
      }
      if (!(err instanceof InvalidArgumentError)) {
        problems.push(
          `${label} with ${JSON.stringify(id)} threw ${(err as Error)?.name ?? typeof err}: ${String((err as Error)?.message ?? err).slice(0, 200)}; it must throw InvalidArgumentError`,
        );
      } else if (!err.message.includes(method)) {
        problems.push(
          `${label} with ${JSON.stringify(id)}: the InvalidArgumentError must name the method "${method}", got: ${err.message}`,
        );
      }
      const after = requestCount?.();
      if (before !== undefined && after !== undefined && after !== before) {
        problems.push(
          `${label} with ${JSON.stringify(id)} sent ${after - before} request(s) before failing; ids must be checked before any request`,
        );
      }
    }
  }
  if (problems.length > 0) throw new Error(`${method}: empty/hostile ids are not refused up front:\n- ${problems.join('\n- ')}`);
}
