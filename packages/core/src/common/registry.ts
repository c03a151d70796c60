import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CloudError, InvalidArgumentError, NotSupportedError, UnknownProviderError } from '../errors/cloud-error.js';

/** Options for `setDriver`. */
export interface SetDriverOptions {
  /** Replace an id that is already registered. */
  override?: boolean | undefined;
  /** npm package to suggest when the module cannot be found. */
  packageName?: string | undefined;
  /** Resolve a bare specifier from this file URL or path (default: this module). */
  resolveFrom?: string | undefined;
}

type Entry<C> =
  | { kind: 'class'; value: C }
  | { kind: 'retired'; message: string }
  | { kind: 'module'; specifier: string; exportName: string; packageName: string | undefined; resolveFrom: string | undefined };

const requireFromHere = createRequire(import.meta.url);

/** Resolves a module specifier the way `setDriver` documents: relative paths against the cwd. */
function toRequirable(specifier: string): string {
  if (specifier.startsWith('file:')) return fileURLToPath(specifier);
  if (specifier.startsWith('./') || specifier.startsWith('../')) return path.resolve(process.cwd(), specifier);
  return specifier;
}

/** Whether `e` is Node's "cannot find module/package" error (CommonJS or ESM flavour). */
function isModuleNotFound(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND';
}

/** Where a specifier that could not be resolved was looked for. */
function describeLookup(requirable: string, resolveFrom: string | undefined): string {
  if (path.isAbsolute(requirable)) return `tried ${requirable}`;
  const from = resolveFrom ? (resolveFrom.startsWith('file:') ? fileURLToPath(resolveFrom) : resolveFrom) : fileURLToPath(import.meta.url);
  return `looked up in the node_modules directories above ${path.dirname(from)}`;
}

/** The specifier a "cannot find module" error names, and the file that imported it when known. */
function missingImport(e: unknown): { specifier: string | undefined; from: string | undefined } {
  const message = String((e as { message?: unknown } | null)?.message ?? '');
  const specifier = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  const from =
    /imported from (\S+)/.exec(message)?.[1] ?? /Require stack:\n- (\S+)/.exec(message)?.[1] ?? /' from '([^']+)'/.exec(message)?.[1];
  return { specifier, from };
}

/** Explains why the driver module at `resolved` (found) failed to load. */
function loadFailureMessage(api: string, id: string, specifier: string, resolved: string, cause: unknown): string {
  const head = `${api} provider "${id}": driver module "${specifier}" (resolved to ${resolved})`;
  const code = (cause as { code?: unknown } | null)?.code;
  if (isModuleNotFound(cause)) {
    const missing = missingImport(cause);
    const sameModule =
      missing.specifier !== undefined &&
      (missing.specifier === resolved || missing.specifier === specifier || missing.specifier === pathToFileURL(resolved).href);
    if (!sameModule) {
      const what = missing.specifier === undefined ? 'one of its imports' : `its import "${missing.specifier}"`;
      const from =
        missing.from && missing.from !== resolved && missing.from !== pathToFileURL(resolved).href
          ? ` (imported from ${missing.from})`
          : '';
      return `${head} was found, but ${what} is missing${from}: install that package or fix the import`;
    }
  }
  if (code === 'ERR_REQUIRE_ASYNC_MODULE') {
    return (
      `${head} uses top-level await, which getDriver cannot load: driver modules are loaded synchronously ` +
      "with require() (Node's require(esm)), so they must not use top-level await. Move the await into a function, " +
      'or import the module yourself and register the class with setDriver(id, DriverClass)'
    );
  }
  if (code === 'ERR_REQUIRE_ESM') {
    return `${head} is an ES module and this Node.js cannot require() it: use Node.js >= 20.19 (require(esm)), or import it yourself and register the class with setDriver(id, DriverClass)`;
  }
  const reason = (cause as { message?: unknown } | null)?.message ?? String(cause);
  return `${head} failed to load: ${String(reason)}`;
}

/**
 * A per-API registry of driver classes. `get` is synchronous and lazy: a driver registered by
 * module specifier is loaded (with `require`, which loads ES modules on Node >= 20.19) on the
 * first `get` of its id, never on import of the registry. A load failure is a `CloudError` that
 * names the resolved path, says when it is one of the module's own imports that is missing, and
 * explains that a driver module must not use top-level await (it is loaded with `require`).
 * An id can also be {@link DriverRegistry.retire | retired}: it stays known, and `get` explains
 * what replaced it instead of calling it an unknown provider.
 */
export class DriverRegistry<C extends abstract new (...args: never[]) => unknown> {
  readonly #entries = new Map<string, Entry<C>>();
  readonly #loaded = new Map<string, C>();

  /** @param api - API name used in messages (`compute`, `storage`...). */
  constructor(readonly api: string) {}

  /** Registered ids, sorted (retired ids are not listed). */
  ids(): string[] {
    return [...this.#entries]
      .filter(([, e]) => e.kind !== 'retired')
      .map(([id]) => id)
      .sort();
  }

  /** Retired ids, sorted. */
  retiredIds(): string[] {
    return [...this.#entries]
      .filter(([, e]) => e.kind === 'retired')
      .map(([id]) => id)
      .sort();
  }

  /** Whether `id` is registered (a retired id is not). */
  has(id: string): boolean {
    const entry = this.#entries.get(id);
    return entry !== undefined && entry.kind !== 'retired';
  }

  /**
   * Declares `id` a retired provider: `get(id)` then throws a `NotSupportedError` carrying `message`
   * (say what retired it and which id replaces it), not an `UnknownProviderError`. The id is taken:
   * retiring a registered id, or registering a retired one, throws unless `{ override: true }`.
   */
  retire(id: string, message: string, options: Pick<SetDriverOptions, 'override'> = {}): void {
    if (typeof id !== 'string' || id.length === 0)
      throw new InvalidArgumentError(`Invalid ${this.api} provider id ${JSON.stringify(id)}: expected a non-empty string`);
    if (typeof message !== 'string' || message.trim().length === 0)
      throw new InvalidArgumentError(`retire("${id}", message): the message (what replaces the provider) is required`);
    if (this.#entries.has(id) && !options.override) {
      throw new InvalidArgumentError(`${this.api} provider "${id}" is already registered; pass { override: true } to retire it`);
    }
    this.#entries.set(id, { kind: 'retired', message: message.trim() });
    this.#loaded.delete(id);
  }

  /** Registers a class, or a module specifier plus export name loaded on first `get`. */
  set(id: string, driver: C | string, exportNameOrOptions?: string | SetDriverOptions, maybeOptions?: SetDriverOptions): void {
    if (typeof id !== 'string' || id.length === 0)
      throw new InvalidArgumentError(`Invalid ${this.api} provider id ${JSON.stringify(id)}: expected a non-empty string`);
    const options = (typeof exportNameOrOptions === 'object' ? exportNameOrOptions : maybeOptions) ?? {};
    if (this.#entries.has(id) && !options.override) {
      throw new InvalidArgumentError(`${this.api} provider "${id}" is already registered; pass { override: true } to replace it`);
    }
    if (typeof driver === 'string') {
      if (typeof exportNameOrOptions !== 'string' || exportNameOrOptions.length === 0) {
        throw new InvalidArgumentError(`setDriver("${id}", "${driver}", exportName): the export name is required with a module specifier`);
      }
      this.#entries.set(id, {
        kind: 'module',
        specifier: driver,
        exportName: exportNameOrOptions,
        packageName: options.packageName,
        resolveFrom: options.resolveFrom,
      });
    } else if (typeof driver === 'function') {
      this.#entries.set(id, { kind: 'class', value: driver });
    } else {
      throw new InvalidArgumentError(`setDriver("${id}", ...): expected a driver class or a module specifier`);
    }
    this.#loaded.delete(id);
  }

  /** Returns the driver class for `id`, loading its module if needed. */
  get(id: string): C {
    const cached = this.#loaded.get(id);
    if (cached) return cached;
    const entry = this.#entries.get(id);
    if (!entry) throw new UnknownProviderError(String(id), this.ids(), this.api);
    if (entry.kind === 'retired') throw new NotSupportedError(id, `the ${this.api} API any more (retired provider)`, entry.message);
    if (entry.kind === 'class') return entry.value;
    const load = entry.resolveFrom ? createRequire(entry.resolveFrom) : requireFromHere;
    const requirable = toRequirable(entry.specifier);
    let resolved: string;
    try {
      resolved = load.resolve(requirable);
    } catch (cause) {
      if (!isModuleNotFound(cause)) throw cause;
      const pkg = entry.packageName ?? entry.specifier;
      throw new CloudError(
        `${this.api} provider "${id}" needs module "${entry.specifier}", which is not installed or not found ` +
          `(${describeLookup(requirable, entry.resolveFrom)})` +
          (entry.packageName ? `; install it with: npm install ${pkg}` : ''),
        { provider: id, cause },
      );
    }
    let mod: Record<string, unknown>;
    try {
      mod = load(resolved) as Record<string, unknown>;
    } catch (cause) {
      throw new CloudError(loadFailureMessage(this.api, id, entry.specifier, resolved, cause), { provider: id, cause });
    }
    const cls = mod[entry.exportName];
    if (typeof cls !== 'function') {
      throw new InvalidArgumentError(
        `Module "${entry.specifier}" has no export "${entry.exportName}" (${this.api} provider "${id}"); exports: ${Object.keys(mod).join(', ')}`,
      );
    }
    this.#loaded.set(id, cls as C);
    return cls as C;
  }
}

/**
 * `getDriver` of one API: the exact class type for the ids listed in `Known` (the umbrella's bundled
 * providers), the API's base class type for any other registered id.
 */
export interface GetDriver<C, Known extends object = Record<never, never>> {
  /** The driver class of a known provider id, loading its package on first use. */
  <P extends keyof Known & string>(provider: P): Known[P];
  /** The driver class registered (possibly at runtime) under `provider`. */
  (provider: string): C;
}

/**
 * `setDriver` of one API (Libcloud's `set_driver`): registers a driver class, or a module specifier
 * and export name loaded with `require` on first `getDriver` (relative specifiers resolve against
 * the working directory). A taken id throws unless `{ override: true }`.
 */
export type SetDriver<C> = (provider: string, driver: C | string, exportName?: string, options?: SetDriverOptions) => void;

/** The `getDriver`/`setDriver` pair of one API, over `registry`: one implementation for every API. */
export function registryFunctions<C extends abstract new (...args: never[]) => unknown, Known extends object = Record<never, never>>(
  registry: DriverRegistry<C>,
): { getDriver: GetDriver<C, Known>; setDriver: SetDriver<C> } {
  const getDriver = ((provider: string) => registry.get(provider)) as GetDriver<C, Known>;
  const setDriver: SetDriver<C> = (provider, driver, exportName, options) =>
    registry.set(provider, driver, exportName ?? options, exportName === undefined ? undefined : options);
  return { getDriver, setDriver };
}
