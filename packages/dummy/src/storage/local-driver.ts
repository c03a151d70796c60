import { createReadStream, statSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { assertKnownOptions, throwIfAborted, type CallOptions, type Capabilities, type ProviderDefinition } from '@cloudmux/core';
import { AlreadyExistsError, BadRequestError, InvalidArgumentError, NotFoundError } from '@cloudmux/core/errors';
import {
  checkDelimiter,
  checkMd5Option,
  checkPrefix,
  Container,
  downloadToFile,
  ObjectPrefix,
  uploadMismatch,
  uploadSource,
  type CopyObjectOptions,
  type ListContainerPrefixesOptions,
  type UpdateObjectMetadataOptions,
  STORAGE_METHODS,
  StorageDriver,
  StorageObject,
  containerName,
  type ContainerRef,
  type CreateContainerOptions,
  type DownloadObjectAsStreamOptions,
  type DownloadObjectOptions,
  type GetObjectOptions,
  type ListContainerObjectsOptions,
  type StorageMethod,
  type UploadObjectOptions,
  type UploadObjectViaStreamOptions,
} from '@cloudmux/core/storage';
import { checkContentType, checkMeta, guessContentType } from './content-type.js';
import type { HashAlgorithm } from './hash.js';
import { resolveLocalOptions, type LocalStorageDriverOptions } from './local-options.js';
import { closeAll, SymlinkRefusedError } from './confine.js';
import { assertNotPrefix, ContainerGoneError, ensureParents, openParents, pruneEmptyParents, removeIfNoFiles } from './fs-tree.js';
import { StorageLayout } from './layout.js';
import { checkContainerName, checkObjectName, containerNameProblem } from './names.js';
import { describeObject, type ObjectInfo } from './object-info.js';
import { openObjectStream } from './local-read.js';
import { rewriteMetadata } from './metadata-update.js';
import { removeSidecar, writeSidecar } from './sidecar.js';
import { stageStream, type StagedFile } from './staged-file.js';
import { listObjectInfos, listPrefixes } from './local-listing.js';

/** The Local provider: containers are directories, objects are files. */
export const LOCAL_PROVIDER: ProviderDefinition = { id: 'local', name: 'Local storage', api: 'filesystem', regions: [] };

/**
 * Every portable storage method except the CDN ones and `getObjectTempUrl` (a temporary URL needs a
 * server to answer it; the Local driver has none).
 */
export const LOCAL_CAPABILITIES: Capabilities<StorageMethod> = Object.freeze(
  STORAGE_METHODS.filter((m) => !/Cdn/.test(m) && m !== 'getObjectTempUrl'),
);

export type { LocalStorageDriverOptions } from './local-options.js';

/** `extra` of Local containers and objects. */
export interface LocalExtra {
  /** Absolute path on disk. */
  path: string;
}

/** `extra` of Local objects. */
export interface LocalObjectExtra extends LocalExtra {
  /** Algorithm of the object's `hash`. */
  hashAlgorithm: HashAlgorithm;
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function notFound(what: string, name: string, why?: string): NotFoundError {
  return new NotFoundError(`${what} "${name}" not found${why ? `: ${why}` : ''}`, { provider: 'local', status: 404 });
}

/** A read or delete that met a symlink: the path is not an object (listings skip it too). */
function readRefused(e: unknown, what: string, name: string): unknown {
  return e instanceof SymlinkRefusedError ? notFound(what, name, e.reason) : e;
}

/** An upload whose path meets a symlink: the name cannot be stored. */
function writeRefused(e: unknown, name: string): unknown {
  return e instanceof SymlinkRefusedError ? new InvalidArgumentError(`Cannot store object "${name}": ${e.reason}`) : e;
}

/**
 * Object storage on the local file system. Uploads stream into a staging file (hashed on the way,
 * on a separate thread, SHA-256 by default) and are renamed into place, so a failed or aborted upload leaves nothing and a reader sees
 * the old or the new object, never a torn one. Content type and user metadata live in a sidecar
 * under the hidden `.cloudmux/` directory of the root. Listing walks directories lazily in name order.
 */
export class LocalStorageDriver extends StorageDriver {
  /** The Local provider definition. */
  static override readonly provider = LOCAL_PROVIDER;
  /** Supported methods: all but CDN. */
  static override readonly capabilities: Capabilities<StorageMethod> = LOCAL_CAPABILITIES;

  /** Absolute root directory. */
  readonly root: string;
  readonly #layout: StorageLayout;
  readonly #fsync: boolean;
  readonly #uploadBuffer: number;
  readonly #downloadBuffer: number;
  readonly #hashAlgorithm: HashAlgorithm;
  readonly #locks = new Map<string, Promise<unknown>>();

  /**
   * @param rootDirectory - an existing directory; each container is a directory in it.
   * @param _secret - ignored.
   * @param options - see {@link LocalStorageDriverOptions}.
   */
  constructor(rootDirectory: string, _secret?: string, options?: LocalStorageDriverOptions) {
    super();
    const o = resolveLocalOptions(options);
    this.#fsync = o.fsync;
    this.#uploadBuffer = o.uploadBuffer;
    this.#downloadBuffer = o.downloadBuffer;
    this.#hashAlgorithm = o.hashAlgorithm;
    if (typeof rootDirectory !== 'string' || rootDirectory.length === 0)
      throw new InvalidArgumentError('LocalStorageDriver: rootDirectory must be a non-empty path');
    let isDir = false;
    try {
      isDir = statSync(rootDirectory).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir)
      throw new InvalidArgumentError(`LocalStorageDriver: root directory "${rootDirectory}" does not exist or is not a directory`);
    this.#layout = new StorageLayout(rootDirectory);
    this.root = this.#layout.root;
  }

  /** Builds a driver rooted at `CLOUDMUX_LOCAL_STORAGE_ROOT`. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): LocalStorageDriver {
    const root = env.CLOUDMUX_LOCAL_STORAGE_ROOT;
    if (!root) throw new InvalidArgumentError('LocalStorageDriver.fromEnv: set CLOUDMUX_LOCAL_STORAGE_ROOT to an existing directory');
    return new LocalStorageDriver(root);
  }

  /** Runs `fn` after any other commit/delete of the same object in this process. */
  async #locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.#locks.get(key) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    const tail = run.catch(() => undefined);
    this.#locks.set(key, tail);
    try {
      return await run;
    } finally {
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    }
  }

  /** Directory of an existing container; `NotFoundError` otherwise. */
  async #containerDir(ref: ContainerRef): Promise<{ name: string; dir: string }> {
    const name = checkContainerName(containerName(ref));
    await this.#layout.sweep();
    const dir = this.#layout.containerDir(name);
    const st = await lstat(dir).catch((e: unknown) => {
      if (isMissing(e)) return undefined;
      throw e;
    });
    if (st?.isSymbolicLink()) throw notFound('Container', name, new SymlinkRefusedError(dir, dir).reason);
    if (!st?.isDirectory()) throw notFound('Container', name);
    return { name, dir };
  }

  /** Creates the hidden directories (once); a symlinked one makes the root unusable for writes. */
  async #ready(): Promise<void> {
    try {
      await this.#layout.ready();
    } catch (e) {
      if (e instanceof SymlinkRefusedError)
        throw new InvalidArgumentError(`Local storage root "${this.root}" cannot be written: ${e.reason}`);
      throw e;
    }
  }

  #container(name: string): Container<LocalExtra> {
    return new Container<LocalExtra>({ name, extra: { path: this.#layout.containerDir(name) } }, this);
  }

  // ---- containers ----

  /** Containers (directories under the root), in name order. */
  override async *iterateContainers(options: CallOptions = {}): AsyncIterable<Container<LocalExtra>> {
    throwIfAborted(options.signal);
    await this.#layout.sweep();
    const entries = await readdir(this.root, { withFileTypes: true });
    const names = entries.filter((e) => e.isDirectory() && containerNameProblem(e.name) === undefined).map((e) => e.name);
    names.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const name of names) yield this.#container(name);
  }

  /** A container; `NotFoundError` if absent. */
  override async getContainer(name: string, options: CallOptions = {}): Promise<Container<LocalExtra>> {
    throwIfAborted(options.signal);
    return this.#container((await this.#containerDir(name)).name);
  }

  /** Creates a container directory; `AlreadyExistsError` if it exists. */
  override async createContainer(options: CreateContainerOptions): Promise<Container<LocalExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('createContainer', options, ['name', 'signal']);
    const name = options?.name;
    checkContainerName(name);
    await this.#ready();
    try {
      await mkdir(this.#layout.containerDir(name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new AlreadyExistsError(`Container "${name}" already exists`, { provider: 'local', status: 409 });
      throw e;
    }
    return this.#container(name);
  }

  /** Deletes an empty container; a container holding objects is refused with `BadRequestError`. */
  override async deleteContainer(container: ContainerRef, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    const { name } = await this.#containerDir(container);
    const confine = this.#layout.confine;
    const root = await confine.pinDir(this.root);
    try {
      if (!(await removeIfNoFiles(confine, root, name))) {
        throw new BadRequestError(`Container "${name}" is not empty: delete its objects first`, {
          provider: 'local',
          status: 409,
          providerCode: 'ContainerNotEmpty',
        });
      }
    } finally {
      await root.close();
    }
    // The container's sidecars; `rm` removes a symlink itself, never what it points to.
    const meta = await confine.pinDir(this.#layout.meta).catch(() => undefined);
    if (meta) {
      try {
        await rm(meta.at(name), { recursive: true, force: true });
      } finally {
        await meta.close();
      }
    }
    return true;
  }

  // ---- objects ----

  #toObject(container: string, name: string, info: ObjectInfo): StorageObject<LocalObjectExtra> {
    const { hashAlgorithm, ...fields } = info;
    return new StorageObject<LocalObjectExtra>(
      { name, containerName: container, ...fields, extra: { path: this.#layout.objectPath(container, name), hashAlgorithm } },
      this,
    );
  }

  /**
   * Objects in name (UTF-8 byte) order, optionally under a prefix; directories are read one at a
   * time. With a `delimiter`, objects below it (after the prefix) are left out: see
   * `listContainerPrefixes`.
   */
  override async *iterateContainerObjects(
    container: ContainerRef,
    options: ListContainerObjectsOptions = {},
  ): AsyncIterable<StorageObject<LocalObjectExtra>> {
    throwIfAborted(options.signal);
    assertKnownOptions('listContainerObjects', options, ['prefix', 'delimiter', 'signal']);
    const prefix = checkPrefix(options.prefix);
    const delimiter = checkDelimiter(options.delimiter);
    const { name: cname, dir } = await this.#containerDir(container);
    const listing = { container: cname, dir, prefix, delimiter, algorithm: this.#hashAlgorithm, signal: options.signal };
    for await (const { name, info } of listObjectInfos(this.#layout, listing)) yield this.#toObject(cname, name, info);
  }

  /**
   * Common prefixes under `prefix` up to the next `delimiter` (default `/`), in name order. With the
   * `/` delimiter only one file per sub-directory is looked at.
   */
  override async *iterateContainerPrefixes(
    container: ContainerRef,
    options: ListContainerPrefixesOptions = {},
  ): AsyncIterable<ObjectPrefix> {
    throwIfAborted(options.signal);
    assertKnownOptions('listContainerPrefixes', options, ['prefix', 'delimiter', 'signal']);
    const prefix = checkPrefix(options.prefix);
    const delimiter = checkDelimiter(options.delimiter) ?? '/';
    const { name: cname, dir } = await this.#containerDir(container);
    for await (const p of listPrefixes(dir, prefix, delimiter, options.signal))
      yield new ObjectPrefix({ name: p, containerName: cname }, this);
  }

  /** An object's size, content hash, content type and metadata; `NotFoundError` if absent. */
  override async getObject(container: ContainerRef, options: GetObjectOptions): Promise<StorageObject<LocalObjectExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('getObject', options, ['name', 'signal']);
    const name = checkObjectName(options?.name);
    const { name: cname } = await this.#containerDir(container);
    const info = await describeObject(this.#layout, cname, name, this.#layout.objectPath(cname, name), this.#hashAlgorithm).catch(
      (e: unknown) => {
        throw readRefused(e, 'Object', `${cname}/${name}`);
      },
    );
    if (!info) throw notFound('Object', `${cname}/${name}`);
    return this.#toObject(cname, name, info);
  }

  #uploadOptions(
    method: string,
    name: string,
    options: Omit<UploadObjectOptions, 'filePath' | 'data'>,
    inputs: readonly string[],
  ): UploadAttrs {
    assertKnownOptions(method, options, ['name', ...inputs, 'contentType', 'meta', 'verifyHash', 'md5', 'signal']);
    checkObjectName(name);
    return {
      contentType: options.contentType === undefined ? guessContentType(name) : checkContentType(options.contentType),
      meta: checkMeta(options.meta),
      md5: checkMd5Option(options.md5),
    };
  }

  /** Uploads a local file or in-memory bytes (streamed, atomic). */
  override async uploadObject(container: ContainerRef, options: UploadObjectOptions): Promise<StorageObject<LocalObjectExtra>> {
    throwIfAborted(options?.signal);
    const { name, filePath } = options;
    const attrs = this.#uploadOptions('uploadObject', name, options, ['filePath', 'data']);
    let source: Readable;
    if (filePath !== undefined && options.data === undefined) {
      if (typeof filePath !== 'string' || filePath.length === 0)
        throw new InvalidArgumentError('uploadObject: filePath must be a non-empty path');
      const st = await stat(filePath).catch(() => undefined);
      if (!st?.isFile()) throw new InvalidArgumentError(`uploadObject: "${filePath}" is not a readable file`);
      source = createReadStream(filePath, { highWaterMark: this.#uploadBuffer });
    } else {
      source = uploadSource(options);
    }
    const { name: cname } = await this.#containerDir(container).catch((e: unknown) => {
      source.destroy();
      throw e;
    });
    return this.#upload(source, cname, name, attrs, options.signal);
  }

  /** Uploads from a stream or async iterable of chunks (atomic: all or nothing). */
  override async uploadObjectViaStream(
    container: ContainerRef,
    options: UploadObjectViaStreamOptions,
  ): Promise<StorageObject<LocalObjectExtra>> {
    throwIfAborted(options?.signal);
    const { name, source } = options;
    const attrs = this.#uploadOptions('uploadObjectViaStream', name, options, ['source']);
    if (source === null || typeof (source as Partial<AsyncIterable<unknown>>)?.[Symbol.asyncIterator] !== 'function') {
      throw new InvalidArgumentError('uploadObjectViaStream: source must be a Readable or an AsyncIterable of Uint8Array chunks');
    }
    const { name: cname } = await this.#containerDir(container);
    return this.#upload(source, cname, name, attrs, options.signal);
  }

  async #upload(
    source: Readable | AsyncIterable<Uint8Array>,
    cname: string,
    name: string,
    { md5, ...attrs }: UploadAttrs,
    signal: AbortSignal | undefined,
  ): Promise<StorageObject<LocalObjectExtra>> {
    await this.#ready();
    const staged = await stageStream(this.#layout, source, {
      signal,
      fsync: this.#fsync,
      highWaterMark: this.#uploadBuffer,
      hashAlgorithm: this.#hashAlgorithm,
      withMd5: md5 !== undefined,
    });
    try {
      if (md5 !== undefined && staged.md5 !== md5) throw uploadMismatch(`${cname}/${name}`, 'md5', md5, staged.md5, 'local');
      await this.#locked(`${cname}\0${name}`, () => this.#commit(cname, name, staged, attrs));
    } catch (e) {
      await rm(staged.path, { force: true });
      throw writeRefused(e, `${cname}/${name}`);
    }
    return this.#toObject(cname, name, {
      size: staged.size,
      hash: staged.hash,
      hashAlgorithm: staged.hashAlgorithm,
      lastModified: new Date(Number(staged.stats.mtimeMs)),
      ...attrs,
    });
  }

  /** Puts a staged file in place: parents, then the sidecar, then the data (rename). */
  async #commit(
    cname: string,
    name: string,
    staged: StagedFile,
    attrs: { contentType: string; meta: Record<string, string> },
  ): Promise<void> {
    const containerDir = this.#layout.containerDir(cname);
    const file = this.#layout.objectPath(cname, name);
    for (let attempt = 0; ; attempt++) {
      try {
        // The parents are opened level by level without following symlinks, and the rename goes
        // through the opened directory: a symlink swapped in meanwhile cannot redirect it.
        const chain = await ensureParents(this.#layout.confine, containerDir, name);
        try {
          const target = chain[chain.length - 1]!.at(path.basename(file));
          if ((await lstat(target).catch(() => undefined))?.isSymbolicLink()) throw new SymlinkRefusedError(file, file);
          await assertNotPrefix(target, name);
          if (attempt === 0) {
            const { stats } = staged;
            await writeSidecar(this.#layout, this.#layout.sidecarPath(cname, name), {
              v: 1,
              name,
              ino: String(stats.ino),
              size: staged.size,
              mtimeNs: String(stats.mtimeNs),
              hash: staged.hash,
              alg: staged.hashAlgorithm,
              ...attrs,
            });
          }
          await rename(staged.path, target);
        } finally {
          await closeAll(chain);
        }
        return;
      } catch (e) {
        if (e instanceof ContainerGoneError) throw notFound('Container', cname);
        // A parent directory was pruned by a concurrent delete between mkdir and rename: retry.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && attempt < 5) continue;
        throw e;
      }
    }
  }

  /** Streams an object, or the inclusive byte range `start`..`end` of it, from one open descriptor; whole reads are verified. */
  override async downloadObjectAsStream(object: StorageObject, options: DownloadObjectAsStreamOptions = {}): Promise<Readable> {
    throwIfAborted(options.signal);
    assertKnownOptions('downloadObjectAsStream', options, ['start', 'end', 'verifyHash', 'signal']);
    return this.#openStream(object, options);
  }

  async #openStream(object: StorageObject, options: DownloadObjectAsStreamOptions): Promise<Readable> {
    const name = checkObjectName(object?.name);
    const { name: cname } = await this.#containerDir(object.containerName);
    return openObjectStream(this.#layout, { ...options, container: cname, name, highWaterMark: this.#downloadBuffer });
  }

  /** Downloads to a file atomically (temp file in the same directory, then rename); refuses to overwrite unless `overwrite`. */
  override async downloadObject(object: StorageObject, options: DownloadObjectOptions): Promise<boolean> {
    throwIfAborted(options?.signal);
    assertKnownOptions('downloadObject', options, [
      'destinationPath',
      'overwrite',
      'deleteOnFailure',
      'start',
      'end',
      'verifyHash',
      'signal',
    ]);
    const { start, end, verifyHash, signal } = options;
    return downloadToFile(() => this.#openStream(object, { start, end, verifyHash, signal }), {
      destinationPath: options.destinationPath,
      overwrite: options.overwrite,
      signal,
      fsync: this.#fsync,
      highWaterMark: this.#downloadBuffer,
      provider: 'local',
    });
  }

  /** Deletes an object (and its sidecar, and parent directories left empty); `NotFoundError` if absent. */
  override async deleteObject(object: StorageObject, options: CallOptions = {}): Promise<boolean> {
    throwIfAborted(options.signal);
    const name = checkObjectName(object?.name);
    const { name: cname, dir } = await this.#containerDir(object.containerName);
    const file = this.#layout.objectPath(cname, name);
    const what = `${cname}/${name}`;
    await this.#locked(`${cname}\0${name}`, async () => {
      // Parents opened without following symlinks; the unlink and the pruning go through them.
      const chain = await openParents(this.#layout.confine, dir, name).catch((e: unknown) => {
        throw isMissing(e) ? notFound('Object', what) : readRefused(e, 'Object', what);
      });
      try {
        const target = chain[chain.length - 1]!.at(path.basename(file));
        if ((await lstat(target).catch(() => undefined))?.isSymbolicLink())
          throw notFound('Object', what, new SymlinkRefusedError(file, file).reason);
        try {
          await unlink(target);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (isMissing(e) || code === 'EISDIR' || code === 'EPERM') throw notFound('Object', what);
          throw e;
        }
        await removeSidecar(this.#layout, this.#layout.sidecarPath(cname, name));
        await pruneEmptyParents(chain);
      } finally {
        await closeAll(chain);
      }
    });
    return true;
  }

  // ---- copy and metadata ----

  /** Copies an object through a staging file (atomic, like an upload); content type and metadata are kept unless given. */
  override async copyObject(object: StorageObject, options: CopyObjectOptions): Promise<StorageObject<LocalObjectExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('copyObject', options, ['destinationName', 'destinationContainer', 'contentType', 'meta', 'signal']);
    const target = checkObjectName(options.destinationName);
    const source = await this.getObject(object.containerName, { name: checkObjectName(object?.name) });
    const { name: cname } = await this.#containerDir(options.destinationContainer ?? source.containerName);
    const attrs: UploadAttrs = {
      contentType:
        options.contentType === undefined ? (source.contentType ?? guessContentType(target)) : checkContentType(options.contentType),
      meta: options.meta === undefined ? { ...source.meta } : checkMeta(options.meta),
      md5: undefined,
    };
    const stream = await this.#openStream(source, { signal: options.signal });
    return this.#upload(stream, cname, target, attrs, options.signal);
  }

  /** Rewrites the object's sidecar with new metadata and/or content type; the data file is not touched. */
  override async updateObjectMetadata(
    object: StorageObject,
    options: UpdateObjectMetadataOptions,
  ): Promise<StorageObject<LocalObjectExtra>> {
    throwIfAborted(options?.signal);
    assertKnownOptions('updateObjectMetadata', options, ['meta', 'contentType', 'signal']);
    if (options.meta === undefined && options.contentType === undefined)
      throw new InvalidArgumentError('updateObjectMetadata: give meta, contentType or both');
    const meta = options.meta === undefined ? undefined : checkMeta(options.meta);
    const contentType = options.contentType === undefined ? undefined : checkContentType(options.contentType);
    const name = checkObjectName(object?.name);
    const { name: cname } = await this.#containerDir(object.containerName);
    const updated = await this.#locked(`${cname}\0${name}`, () =>
      rewriteMetadata(this.#layout, cname, name, this.#hashAlgorithm, { meta, contentType }).catch((e: unknown) => {
        throw readRefused(e, 'Object', `${cname}/${name}`);
      }),
    );
    if (!updated) throw notFound('Object', `${cname}/${name}`);
    return this.#toObject(cname, name, updated);
  }
}

/** Content type, user metadata and expected MD5 of an upload, validated. */
interface UploadAttrs {
  contentType: string;
  meta: Record<string, string>;
  md5: string | undefined;
}
