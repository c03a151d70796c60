import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Directory of this module (works from `src/` under jest and from `dist/` when installed). */
function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

/**
 * Directories that may hold bundled data, in order: `CLOUDMUX_PRICING_DIR`; the `pricing/` folder shipped
 * inside the installed `@cloudmux/core` package; then every `pricing/` folder found walking up from this
 * module (the monorepo's top-level `pricing/`).
 */
export function pricingDirCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.CLOUDMUX_PRICING_DIR) return [resolve(env.CLOUDMUX_PRICING_DIR)];
  const own = moduleDir();
  const out: string[] = [];
  const packaged = resolve(own, '..', '..', 'pricing');
  if (isDir(packaged)) out.push(packaged);
  for (let dir = resolve(own, '..'); ; dir = dirname(dir)) {
    const candidate = join(dir, 'pricing');
    if (candidate !== own && !out.includes(candidate) && isDir(candidate)) out.push(candidate);
    if (dirname(dir) === dir) break;
  }
  return out;
}

/** Path of the bundled data file of `api`/`provider` that exists, or `undefined`. */
export function findDataFile(api: string, provider: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of pricingDirCandidates(env)) {
    const file = join(dir, api, `${provider}.json`);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/**
 * Bundled data files per API: `{ "<api>": ["<provider>", ...] }` over every folder of
 * {@link pricingDirCandidates} (ids sorted). Reads the folders each time it is called.
 */
export function listDataFiles(env: NodeJS.ProcessEnv = process.env): Record<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const dir of pricingDirCandidates(env)) {
    for (const api of readDir(dir)) {
      if (api === 'scripts' || !isDir(join(dir, api))) continue;
      const providers = found.get(api) ?? new Set<string>();
      found.set(api, providers);
      for (const name of readDir(join(dir, api))) if (name.endsWith('.json') && name.length > 5) providers.add(name.slice(0, -5));
    }
  }
  return Object.fromEntries([...found].map(([api, providers]) => [api, [...providers].sort()]));
}

function readDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The user override file: `CLOUDMUX_PRICING_FILE`, else `~/.cloudmux/pricing.json`. */
export function overrideFilePath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CLOUDMUX_PRICING_FILE ? resolve(env.CLOUDMUX_PRICING_FILE) : join(homedir(), '.cloudmux', 'pricing.json');
}
