import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Confinement, closeAll, type PinnedDir } from './confine.js';
import { stagingName, sweepStagingOnce } from './staging-sweep.js';

/** Name of the hidden directory under the root (never a container: container names cannot start with "."). */
export const HIDDEN_DIR = '.cloudmux';

/**
 * Where things live under the root:
 * - `<root>/<container>/<object name>`: the objects, as plain files (`/` in names are directories);
 * - `<root>/.cloudmux/staging/`: temporary files, renamed into place when complete;
 * - `<root>/.cloudmux/meta/<container>/<xx>/<sha256(name)>.json`: each object's sidecar
 *   (hash, content type, user metadata), written atomically.
 */
export class StorageLayout {
  /** Absolute root directory. */
  readonly root: string;
  /** Staging directory for temporary files (same file system as the objects). */
  readonly staging: string;
  /** Root of the metadata tree. */
  readonly meta: string;
  /** Symlink-free access below the root. */
  readonly confine: Confinement;
  #ready: Promise<void> | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.staging = path.join(this.root, HIDDEN_DIR, 'staging');
    this.meta = path.join(this.root, HIDDEN_DIR, 'meta');
    this.confine = new Confinement(this.root);
  }

  /**
   * Removes staging files left by killed processes, once per root per process (best effort, never
   * throws). Called by the driver's first operation.
   */
  sweep(): Promise<void> {
    return sweepStagingOnce(this.confine, this.staging);
  }

  /**
   * Creates the hidden directories once (each level checked: a symlinked `.cloudmux`, `staging` or
   * `meta` throws `SymlinkRefusedError`) and clears stale staging files.
   */
  ready(): Promise<void> {
    this.#ready ??= (async () => {
      const chain = await this.confine.pinChain(this.root, [HIDDEN_DIR], true);
      try {
        await closeAll([await this.confine.pinChild(chain[1]!, 'staging', true), await this.confine.pinChild(chain[1]!, 'meta', true)]);
      } finally {
        await closeAll(chain);
      }
      await this.sweep();
    })();
    this.#ready.catch(() => {
      this.#ready = undefined;
    });
    return this.#ready;
  }

  /**
   * A fresh staging path. Its name carries this process's pid, a per-process token and the host, so
   * a later process can tell a left-over of a killed process from an upload in progress.
   */
  tempPath(suffix = '.part'): string {
    return path.join(this.staging, stagingName(randomBytes(8).toString('hex'), suffix));
  }

  /** Opens the staging directory, checked for symlinks (each upload and sidecar write stages there). */
  async pinStaging(): Promise<PinnedDir> {
    return this.confine.pinDir(this.staging);
  }

  /** Makes (if needed) and opens the directory of `sidecarFile`, never through a symlink; close with `closeAll`. */
  async pinSidecarDir(sidecarFile: string, create: boolean): Promise<PinnedDir[]> {
    const rel = path.relative(this.meta, path.dirname(sidecarFile)).split(path.sep);
    return this.confine.pinChain(this.meta, rel, create);
  }

  /** Directory of a container. */
  containerDir(container: string): string {
    return path.join(this.root, container);
  }

  /** File of an object (names are validated before they get here). */
  objectPath(container: string, name: string): string {
    return path.join(this.root, container, ...name.split('/'));
  }

  /** Metadata directory of a container. */
  containerMetaDir(container: string): string {
    return path.join(this.meta, container);
  }

  /** Sidecar file of an object. */
  sidecarPath(container: string, name: string): string {
    const h = createHash('sha256').update(name).digest('hex');
    return path.join(this.meta, container, h.slice(0, 2), `${h}.json`);
  }
}
