import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CloudError, InvalidArgumentError, UnknownProviderError } from '../errors/cloud-error.js';

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
  | { kind: 'module'; specifier: string; exportName: string; packageName: string | undefined; resolveFrom: string | undefined };

const requireFromHere = createRequire(import.meta.url);

/** Resolves a module specifier the way `setDriver` documents: relative paths against the cwd. */
function toRequirable(specifier: string): string {
  if (specifier.startsWith('file:')) return fileURLToPath(specifier);
  if (specifier.startsWith('./') || specifier.startsWith('../')) return path.resolve(process.cwd(), specifier);
  return specifier;
}

/**
 * A per-API registry of driver classes. `get` is synchronous and lazy: a driver registered by
 * module specifier is loaded (with `require`, which loads ES modules on Node >= 20.19) on the
 * first `get` of its id, never on import of the registry.
 */
export class DriverRegistry<C extends abstract new (...args: never[]) => unknown> {
  readonly #entries = new Map<string, Entry<C>>();
  readonly #loaded = new Map<string, C>();

  /** @param api - API name used in messages (`compute`, `storage`...). */
  constructor(readonly api: string) {}

  /** Registered ids, sorted. */
  ids(): string[] {
    return [...this.#entries.keys()].sort();
  }

  /** Whether `id` is registered. */
  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** Registers a class, or a module specifier plus export name loaded on first `get`. */
  set(id: string, driver: C | string, exportNameOrOptions?: string | SetDriverOptions, maybeOptions?: SetDriverOptions): void {
    if (typeof id !== 'string' || id.length === 0) throw new InvalidArgumentError(`Invalid ${this.api} provider id ${JSON.stringify(id)}: expected a non-empty string`);
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
    if (entry.kind === 'class') return entry.value;
    let mod: Record<string, unknown>;
    try {
      const load = entry.resolveFrom ? createRequire(entry.resolveFrom) : requireFromHere;
      mod = load(toRequirable(entry.specifier)) as Record<string, unknown>;
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      if (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') {
        const pkg = entry.packageName ?? entry.specifier;
        throw new CloudError(
          `${this.api} provider "${id}" needs module "${entry.specifier}", which is not installed or not found` +
            (entry.packageName ? `; install it with: npm install ${pkg}` : ''),
          { provider: id, cause },
        );
      }
      throw cause;
    }
    const cls = mod[entry.exportName];
    if (typeof cls !== 'function') {
      throw new InvalidArgumentError(`Module "${entry.specifier}" has no export "${entry.exportName}" (${this.api} provider "${id}"); exports: ${Object.keys(mod).join(', ')}`);
    }
    this.#loaded.set(id, cls as C);
    return cls as C;
  }
}
