import type { DeployNodeOptions, DeployNodeResult, NodeDriver } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { deployNode } from './deploy-node.js';

/** Options of {@link deployNodes}. */
export interface DeployNodesOptions {
  /** Deployments in flight at once (default 5). */
  concurrency?: number | undefined;
}

/**
 * Runs {@link deployNode} for each options object, at most `concurrency` at a time. Never rejects
 * for a single failure: resolves with one settled result per input, in input order.
 */
export async function deployNodes(
  driver: NodeDriver,
  optionsList: readonly DeployNodeOptions[],
  options: DeployNodesOptions = {},
): Promise<PromiseSettledResult<DeployNodeResult>[]> {
  const concurrency = options.concurrency ?? 5;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InvalidArgumentError(`Invalid concurrency ${String(concurrency)}: a positive integer is needed`);
  const results: PromiseSettledResult<DeployNodeResult>[] = new Array(optionsList.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < optionsList.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await deployNode(driver, optionsList[i]!) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, optionsList.length) }, worker));
  return results;
}
