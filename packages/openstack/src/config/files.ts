/**
 * Finding and reading clouds.yaml, secure.yaml and clouds-public.yaml the way openstacksdk does: the first
 * existing file of each kind wins (`OS_CLIENT_CONFIG_FILE` / `OS_CLIENT_SECURE_FILE` are tried first), in
 * the current directory, the user config directory (`$XDG_CONFIG_HOME/openstack`, `~/.config/openstack`) and
 * `/etc/openstack`, with the suffixes `.yaml`, `.yml` and `.json`. Parsed with the `yaml` package.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InvalidArgumentError } from '@cloudmux/core/errors';

/** A JSON-ish object. */
export type ConfigObject = Record<string, unknown>;

/** Where to look. */
export interface SearchDirs {
  /** Current directory. */
  cwd: string;
  /** Home directory. */
  homeDir: string;
  /** System directory (`/etc/openstack`). */
  etcDir: string;
}

const SUFFIXES = ['.yaml', '.yml', '.json'];

/** The directories searched, in order. */
export function searchDirectories(env: Readonly<Record<string, string | undefined>>, dirs: SearchDirs): string[] {
  const out = [dirs.cwd];
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg !== undefined && xdg !== '' && path.isAbsolute(xdg)) out.push(path.join(xdg, 'openstack'));
  out.push(path.join(dirs.homeDir, '.config', 'openstack'), dirs.etcDir);
  return [...new Set(out)];
}

/** Candidate paths for a base name (`clouds`, `secure`, `clouds-public`), an explicit override first. */
export function candidateFiles(base: string, dirs: readonly string[], override: string | undefined): string[] {
  const files = dirs.flatMap((d) => SUFFIXES.map((s) => path.join(d, base + s)));
  return override !== undefined && override !== '' ? [override, ...files] : files;
}

/** Default search directories from the process. */
export function defaultDirs(options: { cwd?: string | undefined; homeDir?: string | undefined; etcDir?: string | undefined }): SearchDirs {
  return { cwd: options.cwd ?? process.cwd(), homeDir: options.homeDir ?? os.homedir(), etcDir: options.etcDir ?? '/etc/openstack' };
}

/** Parsed file: its path and top-level object. */
export interface LoadedFile {
  /** Path read. */
  path: string;
  /** Top-level object (keys normalized: `-` → `_`). */
  data: ConfigObject;
}

/** Recursively replaces `-` with `_` in keys (openstacksdk's normalize_keys), keeping values. */
export function normalizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalizeKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: ConfigObject = {};
  for (const [k, v] of Object.entries(value as ConfigObject)) out[k.replace(/-/g, '_')] = normalizeKeys(v);
  return out;
}

/** Reads the first existing file of `candidates`; a file that cannot be parsed is an error naming it. */
export function loadFirst(candidates: readonly string[]): LoadedFile | undefined {
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      // openstacksdk skips files it may not read.
      if ((err as NodeJS.ErrnoException).code === 'EACCES' || (err as NodeJS.ErrnoException).code === 'EISDIR') continue;
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (err) {
      throw new InvalidArgumentError(
        `openstack: cannot parse ${file}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
        {
          provider: 'openstack',
        },
      );
    }
    if (parsed === null || parsed === undefined) return { path: file, data: {} };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new InvalidArgumentError(
        `openstack: ${file} must hold a mapping (clouds: …), not ${Array.isArray(parsed) ? 'a list' : typeof parsed}`,
        {
          provider: 'openstack',
        },
      );
    }
    return { path: file, data: normalizeKeys(parsed) as ConfigObject };
  }
  return undefined;
}

/** Deep merge: nested objects merge, everything else from `over` replaces (openstacksdk's merge_clouds). */
export function mergeClouds(base: ConfigObject, over: ConfigObject): ConfigObject {
  const out: ConfigObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const prev = out[k];
    if (isObject(v) && isObject(prev)) out[k] = mergeClouds(prev, v);
    else out[k] = isObject(v) ? { ...v } : v;
  }
  return out;
}

/** Whether `v` is a plain object. */
export function isObject(v: unknown): v is ConfigObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
