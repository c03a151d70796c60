import type { DeploymentStepResult, Node } from '@cloudmux/core/compute';
import { DeploymentError } from '@cloudmux/core/errors';
import { tail } from '../ssh/output-buffer.js';
import { stepCause } from '../steps/deployment.js';

/** Bytes of stdout/stderr kept on a DeploymentError. */
const TAIL_CHARS = 2000;

/** The first failed leaf step under `result` (depth first). */
export function firstFailedLeaf(result: DeploymentStepResult): DeploymentStepResult | undefined {
  if (result.ok) return undefined;
  if (result.steps && result.steps.length > 0) {
    for (const s of result.steps) {
      const leaf = firstFailedLeaf(s);
      if (leaf) return leaf;
    }
  }
  return result;
}

/** Builds the {@link DeploymentError} for a failed deployment: the failed step, exit status, output tails, node. */
export function deploymentErrorFor(
  top: DeploymentStepResult,
  steps: readonly DeploymentStepResult[],
  node: Node,
  provider: string,
): DeploymentError {
  const index = steps.findIndex((s) => !s.ok);
  const leaf = firstFailedLeaf(top) ?? top;
  const why =
    leaf.error ??
    (leaf.exitCode !== undefined && leaf.exitCode !== null
      ? `exit status ${leaf.exitCode}`
      : leaf.signal
        ? `killed by ${leaf.signal}`
        : 'failed');
  const lastErr = tail(leaf.stderr, 300).trim().split('\n').pop();
  const message =
    index === -1 && leaf === top && steps.every((s) => s.ok)
      ? `Deployment "${top.name}" on node ${node.id} did not complete`
      : `Deployment step "${leaf.name}" failed on node ${node.id} (${node.name}): ${why}${lastErr ? `; stderr: ${lastErr}` : ''}`;
  return new DeploymentError(message, {
    step: leaf.name,
    stepIndex: index === -1 ? undefined : index,
    exitCode: leaf.exitCode,
    stdoutTail: tail(leaf.stdout, TAIL_CHARS),
    stderrTail: tail(leaf.stderr, TAIL_CHARS),
    node,
    results: steps,
    provider,
    cause: stepCause(leaf),
  });
}
