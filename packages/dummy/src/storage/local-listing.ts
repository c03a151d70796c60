import { rollUp } from '@cloudmux/core/storage';
import { SymlinkRefusedError } from './confine.js';
import type { HashAlgorithm } from './hash.js';
import type { StorageLayout } from './layout.js';
import { describeObject, type ObjectInfo } from './object-info.js';
import { walkObjects, type WalkEntry } from './walk.js';

/** Objects described at once while listing (sidecar reads overlap; memory stays bounded). */
const LIST_CONCURRENCY = 64;

/** What {@link listObjectInfos} lists. */
export interface ListingRequest {
  container: string;
  /** Container directory. */
  dir: string;
  prefix: string;
  delimiter: string | undefined;
  algorithm: HashAlgorithm;
  signal: AbortSignal | undefined;
}

/** The object entries of a rolled-up listing. */
async function* objectsOnly(entries: AsyncIterable<{ kind: 'object'; object: WalkEntry } | { kind: 'prefix' }>): AsyncGenerator<WalkEntry> {
  for await (const e of entries) if (e.kind === 'object') yield e.object;
}

/**
 * The objects of a container in name order, described (size, hash, metadata) `LIST_CONCURRENCY` at a
 * time. With a delimiter, names below it (after the prefix) are left out. Files that turn out to be
 * behind a symlink swapped in while listing are skipped (they are not objects).
 */
export async function* listObjectInfos(layout: StorageLayout, request: ListingRequest): AsyncGenerator<{ name: string; info: ObjectInfo }> {
  const { container, prefix, delimiter } = request;
  let entries: AsyncIterable<WalkEntry> = walkObjects(request.dir, prefix, request.signal, delimiter === '/');
  if (delimiter !== undefined) entries = objectsOnly(rollUp(entries, prefix, delimiter));
  let batch: WalkEntry[] = [];
  const flush = async (): Promise<{ name: string; info: ObjectInfo }[]> => {
    const described = await Promise.all(
      batch.map(async (e) => {
        const info = await describeObject(layout, container, e.name, e.path, request.algorithm).catch((err: unknown) => {
          if (err instanceof SymlinkRefusedError) return undefined;
          throw err;
        });
        return info && { name: e.name, info };
      }),
    );
    batch = [];
    return described.filter((d) => d !== undefined);
  };
  for await (const entry of entries) {
    batch.push(entry);
    if (batch.length >= LIST_CONCURRENCY) yield* await flush();
  }
  yield* await flush();
}

/** The common prefixes under `prefix` up to the next `delimiter`, in name order. */
export async function* listPrefixes(
  dir: string,
  prefix: string,
  delimiter: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<string> {
  for await (const e of rollUp(walkObjects(dir, prefix, signal, delimiter === '/'), prefix, delimiter)) {
    if (e.kind === 'prefix') yield e.prefix;
  }
}
