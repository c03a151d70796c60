import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Name of the hidden directory under the root (never a container: container names cannot start with "."). */
export const HIDDEN_DIR = '.cloudmux';

/** Staging files older than this are left-overs of crashed processes and are removed at start-up. */
const STALE_STAGING_MS = 24 * 3600_000;

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
  #ready: Promise<void> | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.staging = path.join(this.root, HIDDEN_DIR, 'staging');
    this.meta = path.join(this.root, HIDDEN_DIR, 'meta');
  }

  /** Creates the hidden directories once and clears stale staging files. */
  ready(): Promise<void> {
    this.#ready ??= (async () => {
      await mkdir(this.staging, { recursive: true });
      await mkdir(this.meta, { recursive: true });
      const now = Date.now();
      for (const name of await readdir(this.staging)) {
        const p = path.join(this.staging, name);
        try {
          if (now - (await stat(p)).mtimeMs > STALE_STAGING_MS) await rm(p, { force: true });
        } catch {
          // another process cleaned it up
        }
      }
    })();
    this.#ready.catch(() => {
      this.#ready = undefined;
    });
    return this.#ready;
  }

  /** A fresh staging path. */
  tempPath(suffix = '.part'): string {
    return path.join(this.staging, `${process.pid}-${randomBytes(8).toString('hex')}${suffix}`);
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
