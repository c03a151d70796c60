import type { DeploymentStepResult } from '@cloudmux/core/compute';
import type { SshClient } from '../ssh/ssh-client.js';
import { Deployment, type DeploymentContext } from './deployment.js';

/** Options of {@link MultiStepDeployment}. */
export interface MultiStepDeploymentOptions {
  /** Name (default `multi-step`). */
  name?: string | undefined;
  /** Run the remaining steps after one fails (default false: stop at the first failure). */
  continueOnError?: boolean | undefined;
}

/** Runs steps in order over one connection; stops at the first failed step unless `continueOnError`. */
export class MultiStepDeployment extends Deployment {
  /** Name. */
  readonly name: string;
  /** Whether later steps run after a failure. */
  readonly continueOnError: boolean;
  private readonly list: Deployment[];

  constructor(steps: readonly Deployment[] = [], options: MultiStepDeploymentOptions = {}) {
    super();
    this.list = [...steps];
    this.name = options.name ?? 'multi-step';
    this.continueOnError = options.continueOnError ?? false;
  }

  /** The steps, in order. */
  get steps(): readonly Deployment[] {
    return this.list;
  }

  /** Appends a step; returns this for chaining. */
  add(step: Deployment): this {
    this.list.push(step);
    return this;
  }

  /** Runs the steps. `ok` is true only when every step ran and succeeded. */
  async run(client: SshClient, context?: DeploymentContext): Promise<DeploymentStepResult> {
    const started = Date.now();
    const results: DeploymentStepResult[] = [];
    for (const step of this.list) {
      const r = await step.run(client, context);
      results.push(r);
      if (!r.ok && !this.continueOnError) break;
    }
    const ok = results.length === this.list.length && results.every((r) => r.ok);
    return { name: this.name, ok, steps: results, durationMs: Date.now() - started };
  }
}
