import type { DeploymentLike, DeploymentStepResult, Node } from '@cloudmux/core/compute';
import { AbortError } from '@cloudmux/core/errors';
import type { SshClient } from '../ssh/ssh-client.js';

/** What a step gets besides the connection. */
export interface DeploymentContext {
  /** Node being deployed, when run by `deployNode`. */
  node?: Node | undefined;
  /** Aborts running commands. */
  signal?: AbortSignal | undefined;
  /** Epoch ms by which every step must be done (commands get at most the time left). */
  deadline?: number | undefined;
  /** Called before and after each leaf step (multi-step deployments report their children). */
  onStep?: ((event: { phase: 'start' | 'done'; name: string; result?: DeploymentStepResult | undefined }) => void) | undefined;
}

/**
 * A deployment step: something run on a node over an {@link SshClient}. A step never throws for
 * a remote failure: it resolves with `ok: false` and says why (exit status, output, `error`).
 */
export abstract class Deployment implements DeploymentLike {
  /** Step name used in results and errors. */
  abstract readonly name: string;
  /** Runs the step. */
  abstract run(client: SshClient, context?: DeploymentContext): Promise<DeploymentStepResult>;
}

/** Whether `value` is a runnable deployment step (from any copy of this package). */
export function isDeployment(value: unknown): value is Deployment {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { run?: unknown }).run === 'function' &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}

/** Runs `body`, turning a thrown error into a failed step result (with any output it carried). */
export async function runStep(
  name: string,
  context: DeploymentContext | undefined,
  body: () => Promise<Omit<DeploymentStepResult, 'name' | 'durationMs'>>,
): Promise<DeploymentStepResult> {
  context?.onStep?.({ phase: 'start', name });
  const started = Date.now();
  let result: DeploymentStepResult;
  try {
    result = { name, ...(await body()), durationMs: Date.now() - started };
  } catch (e) {
    if (e instanceof AbortError) throw e;
    const err = e as { message?: unknown; stdout?: unknown; stderr?: unknown; code?: unknown };
    result = {
      name,
      ok: false,
      exitCode: null,
      stdout: typeof err.stdout === 'string' ? err.stdout : undefined,
      stderr: typeof err.stderr === 'string' ? err.stderr : undefined,
      error: `${typeof err.code === 'string' ? `${err.code}: ` : ''}${typeof err.message === 'string' ? err.message : String(e)}`,
      durationMs: Date.now() - started,
    };
    Object.defineProperty(result, 'cause', { value: e, enumerable: false });
  }
  context?.onStep?.({ phase: 'done', name, result });
  return result;
}

/** The smaller of a step's own timeout and the time left before the context's deadline. */
export function effectiveTimeout(timeoutMs: number | undefined, context: DeploymentContext | undefined): number | undefined {
  if (context?.deadline === undefined) return timeoutMs;
  const left = Math.max(1, context.deadline - Date.now());
  return timeoutMs === undefined ? left : Math.min(timeoutMs, left);
}

/** The error a failed step result carries (non-enumerable), if it failed by throwing. */
export function stepCause(result: DeploymentStepResult): unknown {
  return (result as { cause?: unknown }).cause;
}
