import { describe, expect, it } from '@jest/globals';
import { COMPUTE_METHODS, type ComputeMethod, type CreateNodeOptions, type NodeDriver, type NodeDriverClass } from '@cloudmux/core/compute';
import { checkGetImage, checkListImages, checkListLocations, checkListSizes } from './compute-catalog.js';
import { COMPUTE_CALLS } from './compute-calls.js';
import { runCleanup, type ComputeContext } from './compute-context.js';
import {
  checkCreateKeyPair,
  checkDeleteKeyPair,
  checkGetKeyPair,
  checkImportKeyPairFromFile,
  checkImportKeyPairFromString,
  checkListKeyPairs,
} from './compute-key-pairs.js';
import {
  checkCreateNode,
  checkDeployNode,
  checkDestroyNode,
  checkGetNode,
  checkListNodes,
  checkRebootNode,
  checkStopStart,
  checkWaitUntilRunning,
} from './compute-nodes.js';
import { checkAttachDetach, checkCreateVolume, checkDestroyVolume, checkListVolumes, checkSnapshots } from './compute-volumes.js';
import { checkUnknownExKey, EX_KEY_CALLS, PLACEHOLDER_CREATE_OPTIONS, UNKNOWN_EX_KEY } from './compute-ex-keys.js';
import { checkHostileIds, HOSTILE_IDS, ID_CALLS, ID_METHODS, type ComputeConformanceHooks } from './compute-hostile-ids.js';
import { budget, expectNotSupported, timingOf, useFreshDriver } from './harness.js';
import type { ComputeConformanceOptions } from './types.js';

/** The behaviour check of each portable compute method, and how many state changes it may wait for. */
const CHECKS: Readonly<Record<ComputeMethod, { waits: number; run(ctx: ComputeContext): Promise<void> }>> = {
  listNodes: { waits: 1, run: checkListNodes },
  getNode: { waits: 3, run: checkGetNode },
  createNode: { waits: 1, run: checkCreateNode },
  rebootNode: { waits: 2, run: checkRebootNode },
  destroyNode: { waits: 2, run: checkDestroyNode },
  startNode: { waits: 3, run: (c) => checkStopStart(c, 'startNode') },
  stopNode: { waits: 3, run: (c) => checkStopStart(c, 'stopNode') },
  listSizes: { waits: 1, run: checkListSizes },
  listImages: { waits: 1, run: checkListImages },
  getImage: { waits: 1, run: checkGetImage },
  listLocations: { waits: 1, run: checkListLocations },
  deployNode: { waits: 1, run: checkDeployNode },
  waitUntilRunning: { waits: 2, run: checkWaitUntilRunning },
  listVolumes: { waits: 1, run: checkListVolumes },
  createVolume: { waits: 1, run: checkCreateVolume },
  attachVolume: { waits: 4, run: (c) => checkAttachDetach(c, 'attachVolume') },
  detachVolume: { waits: 5, run: (c) => checkAttachDetach(c, 'detachVolume') },
  destroyVolume: { waits: 2, run: checkDestroyVolume },
  listVolumeSnapshots: { waits: 3, run: (c) => checkSnapshots(c, 'listVolumeSnapshots') },
  createVolumeSnapshot: { waits: 3, run: (c) => checkSnapshots(c, 'createVolumeSnapshot') },
  destroyVolumeSnapshot: { waits: 3, run: (c) => checkSnapshots(c, 'destroyVolumeSnapshot') },
  listKeyPairs: { waits: 1, run: checkListKeyPairs },
  getKeyPair: { waits: 1, run: checkGetKeyPair },
  createKeyPair: { waits: 1, run: checkCreateKeyPair },
  importKeyPairFromString: { waits: 1, run: checkImportKeyPairFromString },
  importKeyPairFromFile: { waits: 1, run: checkImportKeyPairFromFile },
  deleteKeyPair: { waits: 1, run: checkDeleteKeyPair },
};

async function defaultCreateOptions(driver: NodeDriver): Promise<CreateNodeOptions> {
  if (!driver.supports('listSizes') || !driver.supports('listImages')) {
    throw new Error('Pass createNodeOptions to describeComputeConformance: the driver cannot list sizes and images to pick from');
  }
  const [size] = await driver.listSizes();
  const [image] = await driver.listImages();
  if (!size || !image) throw new Error('The driver lists no size or no image to create test nodes with');
  return { size: size.id, image: image.id };
}

/**
 * Registers the compute conformance suite: for every portable method (`COMPUTE_METHODS`), a test
 * that checks its behaviour when the driver's `capabilities` list it, and that calling it throws
 * `NotSupportedError` when they do not. Each test gets a fresh driver from `setup()`, and the
 * nodes, volumes and keys it creates are removed afterwards.
 *
 * Every method that takes an id, name or key also gets an empty/hostile id test: called with `''`,
 * `'   '`, `'/'`, `'..'` and `'a/b'` it must throw `InvalidArgumentError` naming the method, and
 * (when `requestCount` is given) send no request. `createNode` and `listNodes` called with an unknown
 * `ex` key (`ex: { notAnOption: 1 }`) must throw `InvalidArgumentError` naming it, also before any request.
 */
export function describeComputeConformance<D extends NodeDriver>(options: ComputeConformanceOptions<D> & ComputeConformanceHooks): void {
  const timing = timingOf(options);
  describe(`compute conformance: ${options.name}`, () => {
    const driver = useFreshDriver(options);
    const contextOf = (d: D): ComputeContext => {
      let cached: Promise<CreateNodeOptions> | undefined;
      return {
        driver: d,
        timing,
        createOptions: () => (cached ??= options.createNodeOptions ? options.createNodeOptions(d) : defaultCreateOptions(d)),
        cleanup: [],
      };
    };

    it('declares a provider and known, unique capabilities', () => {
      const cls = driver().constructor as unknown as NodeDriverClass;
      expect(typeof cls.provider.id).toBe('string');
      expect(cls.provider.id.length).toBeGreaterThan(0);
      expect(typeof cls.provider.name).toBe('string');
      expect(new Set(cls.capabilities).size).toBe(cls.capabilities.length);
      for (const m of cls.capabilities) expect(COMPUTE_METHODS).toContain(m);
    });

    for (const method of COMPUTE_METHODS) {
      const check = CHECKS[method];
      it(
        `${method}: behaves as declared in capabilities`,
        async () => {
          const d = driver();
          if (!d.supports(method)) {
            for (const call of COMPUTE_CALLS[method]) await expectNotSupported(method, () => call(d));
            return;
          }
          const ctx = contextOf(d);
          try {
            await check.run(ctx);
          } finally {
            await runCleanup(ctx);
          }
        },
        budget(timing, check.waits + 1),
      );
    }

    const shownIds = HOSTILE_IDS.map((id) => JSON.stringify(id)).join(', ');
    const counter = options.requestCount;
    for (const method of ID_METHODS) {
      const name = counter
        ? `${method}: refuses empty and hostile ids (${shownIds}) with InvalidArgumentError before any request`
        : `${method}: refuses empty and hostile ids (${shownIds}) with InvalidArgumentError (no requestCount hook: the no-request check is skipped)`;
      it(
        name,
        async () => {
          const d = driver();
          if (!d.supports(method)) {
            for (const { call } of ID_CALLS[method] ?? [])
              for (const id of HOSTILE_IDS) await expectNotSupported(method, () => call(d, id));
            return;
          }
          await checkHostileIds(d, method, counter ? () => counter.call(options) : undefined);
        },
        budget(timing, 1),
      );
    }

    for (const method of Object.keys(EX_KEY_CALLS) as ComputeMethod[]) {
      const name = `${method}: refuses an unknown ex key (ex: { ${UNKNOWN_EX_KEY}: 1 }) with InvalidArgumentError${counter ? ' before any request' : ' (no requestCount hook: the no-request check is skipped)'}`;
      it(
        name,
        async () => {
          const d = driver();
          if (!d.supports(method)) {
            await expectNotSupported(method, () => EX_KEY_CALLS[method]?.(d, PLACEHOLDER_CREATE_OPTIONS));
            return;
          }
          const ctx = contextOf(d);
          try {
            await checkUnknownExKey(ctx, method, counter ? () => counter.call(options) : undefined);
          } finally {
            await runCleanup(ctx);
          }
        },
        budget(timing, 2),
      );
    }
  });
}
