import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Fingerprint } from './fingerprint.js';

/** One key line of a known_hosts file. */
export interface KnownHostEntry {
  /** `@cert-authority` / `@revoked` marker, if any. */
  readonly marker: 'cert-authority' | 'revoked' | undefined;
  /** Host patterns (comma-separated in the file), or undefined for a hashed entry. */
  readonly patterns: readonly string[] | undefined;
  /** Salt and HMAC-SHA1 of a hashed (`|1|salt|hash`) entry. */
  readonly hashed: { readonly salt: Buffer; readonly hash: Buffer } | undefined;
  /** Key type (`ssh-ed25519`...). */
  readonly keyType: string;
  /** Public key blob. */
  readonly keyBlob: Buffer;
  /** SHA256 fingerprint of the key. */
  readonly fingerprint: string;
  /** 1-based line number in the file. */
  readonly line: number;
}

/** The name a host is looked up by: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/**
 * Parses known_hosts text: plain entries with comma-separated (possibly wildcard or negated)
 * patterns, `[host]:port` entries, hashed `|1|salt|hash` entries and `@revoked` /
 * `@cert-authority` markers. Comments, blank and malformed lines are skipped.
 */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = raw.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const m = fields.shift()!.slice(1);
      if (m !== 'cert-authority' && m !== 'revoked') continue;
      marker = m;
    }
    const [hosts, keyType, keyB64] = fields;
    if (!hosts || !keyType || !keyB64) continue;
    const keyBlob = Buffer.from(keyB64, 'base64');
    if (keyBlob.length === 0) continue;
    let patterns: string[] | undefined;
    let hashed: KnownHostEntry['hashed'];
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|');
      if (!salt || !hash) continue;
      hashed = { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
    } else {
      patterns = hosts.split(',').filter(Boolean);
    }
    entries.push({ marker, patterns, hashed, keyType, keyBlob, fingerprint: sha256Fingerprint(keyBlob), line: i + 1 });
  }
  return entries;
}

/** Glob match with `*` and `?`, case-insensitive, like OpenSSH host patterns. */
function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  return re.test(value);
}

/** Whether `entry` applies to `host`:`port` (negated patterns veto a match). */
export function entryMatchesHost(entry: KnownHostEntry, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (entry.hashed) {
    const mac = createHmac('sha1', entry.hashed.salt).update(name).digest();
    return mac.length === entry.hashed.hash.length && timingSafeEqual(mac, entry.hashed.hash);
  }
  let matched = false;
  for (const p of entry.patterns ?? []) {
    const negated = p.startsWith('!');
    if (globMatch(negated ? p.slice(1) : p, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Keys a known_hosts file lists for a host. */
export interface KnownHostKeys {
  /** Keys trusted for the host. */
  trusted: KnownHostEntry[];
  /** Keys marked `@revoked` (for any host they name). */
  revoked: KnownHostEntry[];
}

/** Selects the entries for `host`:`port` (certificate authorities are not supported and ignored). */
export function lookupKnownHost(entries: readonly KnownHostEntry[], host: string, port: number): KnownHostKeys {
  const trusted: KnownHostEntry[] = [];
  const revoked: KnownHostEntry[] = [];
  for (const e of entries) {
    if (e.marker === 'cert-authority') continue;
    if (!entryMatchesHost(e, host, port)) continue;
    (e.marker === 'revoked' ? revoked : trusted).push(e);
  }
  return { trusted, revoked };
}

/** Reads and parses a known_hosts file; a missing file is empty. */
export async function readKnownHostsFile(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** One known_hosts line for a key, plain (`[host]:port type base64`) or hashed (`|1|salt|hash type base64`). */
export function formatKnownHostsLine(host: string, port: number, keyType: string, keyBlob: Buffer, hashed = false): string {
  const name = knownHostsName(host, port);
  let hostField = name;
  if (hashed) {
    const salt = randomBytes(20);
    hostField = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  }
  return `${hostField} ${keyType} ${keyBlob.toString('base64')}`;
}

/** Serializes appends per file within this process. */
const appendQueues = new Map<string, Promise<unknown>>();

/**
 * Appends a host key to a known_hosts file (creating it, and its directory, when missing),
 * unless the file already lists that key for the host. Returns whether a line was written.
 */
export async function appendKnownHost(
  file: string,
  host: string,
  port: number,
  keyType: string,
  keyBlob: Buffer,
  hashed = false,
): Promise<boolean> {
  const key = path.resolve(file);
  const run = async (): Promise<boolean> => {
    const existing = lookupKnownHost(await readKnownHostsFile(key), host, port);
    if (existing.trusted.some((e) => e.keyBlob.equals(keyBlob))) return false;
    await mkdir(path.dirname(key), { recursive: true, mode: 0o700 });
    let prefix = '';
    try {
      const current = await readFile(key, 'utf8');
      if (current.length > 0 && !current.endsWith('\n')) prefix = '\n';
    } catch {
      // new file
    }
    await appendFile(key, `${prefix}${formatKnownHostsLine(host, port, keyType, keyBlob, hashed)}\n`, { mode: 0o600 });
    return true;
  };
  const next = (appendQueues.get(key) ?? Promise.resolve()).then(run, run);
  appendQueues.set(
    key,
    next.catch(() => undefined),
  );
  return next;
}
