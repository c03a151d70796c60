import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { ScriptDeployment, type ScriptDeploymentOptions } from './script-deployment.js';

/** A {@link ScriptDeployment} whose script is read from a local file when it runs. Name defaults to the file name. */
export class ScriptFileDeployment extends ScriptDeployment {
  /** Local path of the script. */
  readonly scriptPath: string;

  constructor(scriptPath: string, options: ScriptDeploymentOptions = {}) {
    super('', { ...options, name: options.name ?? path.basename(scriptPath) });
    this.scriptPath = scriptPath;
    this.scriptText = undefined;
  }

  /** Reads the script file (once). */
  override async getScript(): Promise<string> {
    if (this.scriptText === undefined) {
      try {
        this.scriptText = await readFile(this.scriptPath, 'utf8');
      } catch (cause) {
        throw new InvalidArgumentError(`Cannot read script file ${this.scriptPath}: ${(cause as Error).message}`, { cause });
      }
    }
    return this.scriptText;
  }
}
