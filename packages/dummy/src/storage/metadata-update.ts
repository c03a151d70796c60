import { lstat } from 'node:fs/promises';
import type { HashAlgorithm } from './hash.js';
import type { StorageLayout } from './layout.js';
import { describeObject, type ObjectInfo } from './object-info.js';
import { writeSidecar } from './sidecar.js';

/** What {@link rewriteMetadata} changes (undefined: unchanged). */
export interface MetadataChange {
  meta: Record<string, string> | undefined;
  contentType: string | undefined;
}

/**
 * Rewrites the sidecar of an existing object with new user metadata and/or content type; the data
 * file is not touched, and the hash is kept (or computed, for a file without a sidecar). The new
 * sidecar names the file's inode, size and mtime as seen before and after reading it: if another
 * process replaced the file meanwhile it is read again (so a sidecar never pairs one file's hash with
 * another's stats). Returns undefined when there is no such object.
 */
export async function rewriteMetadata(
  layout: StorageLayout,
  container: string,
  name: string,
  algorithm: HashAlgorithm,
  change: MetadataChange,
): Promise<ObjectInfo | undefined> {
  const file = layout.objectPath(container, name);
  for (let attempt = 0; ; attempt++) {
    const before = await lstat(file, { bigint: true }).catch(() => undefined);
    if (!before?.isFile()) return undefined;
    const info = await describeObject(layout, container, name, file, algorithm);
    if (!info) return undefined;
    const after = await lstat(file, { bigint: true }).catch(() => undefined);
    if (!after) return undefined;
    if (after.ino !== before.ino || after.mtimeNs !== before.mtimeNs || after.size !== before.size) {
      if (attempt < 5) continue;
      throw new Error(`Object "${container}/${name}" kept changing while its metadata was updated`);
    }
    const updated: ObjectInfo = {
      ...info,
      contentType: change.contentType ?? info.contentType,
      meta: change.meta ?? { ...info.meta },
    };
    await writeSidecar(layout, layout.sidecarPath(container, name), {
      v: 1,
      name,
      ino: String(after.ino),
      size: Number(after.size),
      mtimeNs: String(after.mtimeNs),
      hash: info.hash,
      alg: info.hashAlgorithm,
      contentType: updated.contentType,
      meta: { ...updated.meta },
    });
    return updated;
  }
}
