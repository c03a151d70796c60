import { randomBytes } from 'node:crypto';
import type { DeploymentStepResult } from '@cloudmux/core/compute';
import type { SshClient } from '../ssh/ssh-client.js';
import { shellJoin } from '../ssh/quote.js';
import { Deployment, effectiveTimeout, runStep, type DeploymentContext } from './deployment.js';

/** Options of {@link ScriptDeployment}. */
export interface ScriptDeploymentOptions {
  /** Step name (default `script`); also used in the temporary file name. */
  name?: string | undefined;
  /** Arguments, each passed as one word (quoted for the shell). */
  args?: readonly string[] | undefined;
  /** Delete the uploaded script after it ran (default true). */
  delete?: boolean | undefined;
  /** Kill the script after this long (default: whatever is left of `deployNode`'s `timeoutMs`). */
  timeoutMs?: number | undefined;
  /** Environment variables exported for the script. */
  env?: Readonly<Record<string, string>> | undefined;
  /** Remote directory the script is uploaded to (default the home directory, which is rarely mounted noexec). */
  remoteDir?: string | undefined;
}

/** A file-name-safe version of a step name. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 40) || 'script';
}

/**
 * Uploads a script (mode 0700) over SFTP and runs it with arguments. A script starting with `#!`
 * runs with its interpreter, anything else with `/bin/sh`. Captures stdout, stderr and the exit
 * status; a non-zero exit fails the step.
 */
export class ScriptDeployment extends Deployment {
  /** Step name. */
  readonly name: string;
  /** Arguments. */
  readonly args: readonly string[];
  /** Whether the script is deleted after it ran. */
  readonly delete: boolean;
  /** Per-run timeout, if set. */
  readonly timeoutMs: number | undefined;
  /** Exported environment. */
  readonly env: Readonly<Record<string, string>> | undefined;
  /** Upload directory. */
  readonly remoteDir: string;
  /** Script text (undefined until loaded for {@link ScriptFileDeployment}). */
  protected scriptText: string | undefined;

  /** @param script - script text, ideally starting with a `#!` line. */
  constructor(script: string, options: ScriptDeploymentOptions = {}) {
    super();
    this.scriptText = script;
    this.name = options.name ?? 'script';
    this.args = [...(options.args ?? [])];
    this.delete = options.delete ?? true;
    this.timeoutMs = options.timeoutMs;
    this.env = options.env;
    this.remoteDir = options.remoteDir ?? '~';
  }

  /** The script text. */
  async getScript(): Promise<string> {
    return this.scriptText ?? '';
  }

  /** The command line that runs the uploaded script at `remotePath`. */
  commandLine(remotePath: string, script: string): string {
    return script.startsWith('#!') ? shellJoin([remotePath, ...this.args]) : shellJoin(['/bin/sh', remotePath, ...this.args]);
  }

  /** Uploads and runs the script. */
  run(client: SshClient, context?: DeploymentContext): Promise<DeploymentStepResult> {
    return runStep(this.name, context, async () => {
      const script = await this.getScript();
      const dir = await client.resolvePath(this.remoteDir);
      const remotePath = `${dir.replace(/\/$/, '')}/.cloudmux-${safeName(this.name)}-${randomBytes(6).toString('hex')}.sh`;
      await client.writeFile(remotePath, script, { mode: 0o700 });
      try {
        const r = await client.exec(this.commandLine(remotePath, script), {
          timeoutMs: effectiveTimeout(this.timeoutMs, context),
          env: this.env,
          signal: context?.signal,
        });
        return { ok: r.exitCode === 0, exitCode: r.exitCode, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
      } finally {
        if (this.delete) await client.unlink(remotePath).catch(() => undefined);
      }
    });
  }
}
