import path from 'node:path';
import type { DeploymentStepResult } from '@cloudmux/core/compute';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import type { SshClient } from '../ssh/ssh-client.js';
import { Deployment, runStep, type DeploymentContext } from './deployment.js';

/** Options of {@link FileDeployment}: exactly one of `source` and `contents`. */
export interface FileDeploymentOptions {
  /** Local file to upload. */
  source?: string | undefined;
  /** Contents to write. */
  contents?: string | Buffer | undefined;
  /** Remote path (`~/x` and relative paths are under the home directory). Missing directories are created. */
  target: string;
  /** Permission bits to set (e.g. `0o644`). */
  mode?: number | undefined;
  /** Step name (default `file <target>`). */
  name?: string | undefined;
}

/** Uploads a local file, or writes contents, to a remote path over SFTP. */
export class FileDeployment extends Deployment {
  /** Step name. */
  readonly name: string;
  /** Remote path. */
  readonly target: string;
  /** Local source path, if uploading a file. */
  readonly source: string | undefined;
  /** Contents, if writing contents. */
  readonly contents: string | Buffer | undefined;
  /** Mode to set. */
  readonly mode: number | undefined;

  constructor(options: FileDeploymentOptions) {
    super();
    if ((options.source === undefined) === (options.contents === undefined)) {
      throw new InvalidArgumentError('FileDeployment needs exactly one of "source" (a local path) and "contents"');
    }
    if (!options.target) throw new InvalidArgumentError('FileDeployment needs a "target" remote path');
    this.target = options.target;
    this.source = options.source;
    this.contents = options.contents;
    this.mode = options.mode;
    this.name = options.name ?? `file ${options.target}`;
  }

  /** Uploads the file. */
  run(client: SshClient, context?: DeploymentContext): Promise<DeploymentStepResult> {
    return runStep(this.name, context, async () => {
      const remote = await client.resolvePath(this.target);
      await client.mkdirp(path.posix.dirname(remote));
      if (this.source !== undefined) await client.uploadFile(this.source, remote, { mode: this.mode });
      else await client.writeFile(remote, this.contents ?? '', { mode: this.mode });
      return { ok: true };
    });
  }
}
