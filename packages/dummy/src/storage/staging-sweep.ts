import { createHash, randomBytes } from 'node:crypto';
import { lstat, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import type { Confinement } from './confine.js';
import { closeAll } from './confine.js';

/** Staging files older than this are removed whoever wrote them (a process that never finished). */
export const STALE_STAGING_MS = 24 * 3600_000;

/** This host, so a root shared over a network file system never judges another host's pids. */
const HOST = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
/** This process, so a later process that gets the same pid (pid 1 in containers) knows the files are not its own. */
const TOKEN = randomBytes(4).toString('hex');

const CURRENT = /^(\d+)-([0-9a-f]{8})-([0-9a-f]{8})-[0-9a-f]+\./;
/** Names written before the host and token were added: `<pid>-<random>.<suffix>`. */
const LEGACY = /^(\d+)-[0-9a-f]{16}\./;

/** A staging file name: `<pid>-<host>-<process token>-<random><suffix>`. */
export function stagingName(random: string, suffix: string): string {
  return `${process.pid}-${HOST}-${TOKEN}-${random}${suffix}`;
}

/** Whether process `pid` exists (`EPERM`: it does, under another user). */
function alive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Whether the staging file `name` (last modified at `mtimeMs`) belongs to no running process: its
 * writer's pid is gone (`process.kill(pid, 0)` fails with `ESRCH`), or it carries this pid but another
 * process's token (a killed earlier process that had the same pid), or it is older than
 * {@link STALE_STAGING_MS}. Files of other hosts, and names the driver did not write, only age out.
 */
export function isAbandoned(name: string, mtimeMs: number, now = Date.now()): boolean {
  if (now - mtimeMs > STALE_STAGING_MS) return true;
  const m = CURRENT.exec(name);
  if (m) {
    if (m[2] !== HOST) return false;
    const pid = Number(m[1]);
    if (pid === process.pid) return m[3] !== TOKEN;
    return !alive(pid);
  }
  const legacy = LEGACY.exec(name);
  if (legacy) {
    const pid = Number(legacy[1]);
    return pid !== process.pid && !alive(pid);
  }
  return false;
}

async function sweep(confine: Confinement, staging: string): Promise<void> {
  let dir;
  try {
    dir = await confine.pinDir(staging);
  } catch {
    return; // no staging directory yet (or one the driver refuses: ready() reports that)
  }
  try {
    const now = Date.now();
    for (const name of await readdir(dir.at(''))) {
      try {
        const st = await lstat(dir.at(name));
        if (st.isFile() && isAbandoned(name, st.mtimeMs, now)) await rm(dir.at(name), { force: true });
      } catch {
        // removed meanwhile by another process
      }
    }
  } catch {
    // best effort: a failed sweep must never fail the operation that triggered it
  } finally {
    await closeAll([dir]);
  }
}

const swept = new Map<string, Promise<void>>();

/** Sweeps the staging directory of a root once per process (keyed by the root's real path). */
export function sweepStagingOnce(confine: Confinement, staging: string): Promise<void> {
  let p = swept.get(confine.realRoot);
  if (!p) {
    p = sweep(confine, staging);
    swept.set(confine.realRoot, p);
  }
  return p;
}
