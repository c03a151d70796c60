import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalStorageDriver } from '../src/index.js';
import { stagingName } from '../src/storage/staging-sweep.js';
import { tempRoot } from './support/temp-root.js';

// A killed upload leaves its staging file behind. The first operation of a driver in a process
// removes (once per root) every staging file whose writer is gone: its pid no longer exists
// (`process.kill(pid, 0)` fails with ESRCH), or it carries this process's pid with another
// process's token (an earlier process that had the same pid), or it is older than 24 h.

let dir: Awaited<ReturnType<typeof tempRoot>>;
beforeEach(async () => {
  dir = await tempRoot('cmx-sweep-');
});
afterEach(() => dir.remove());

const HOST = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);
const OTHER_HOST = HOST === 'ffffffff' ? 'eeeeeeee' : 'ffffffff';
const OUR_TOKEN = /^\d+-[0-9a-f]{8}-([0-9a-f]{8})-/.exec(stagingName('0', '.part'))![1]!;
const OTHER_TOKEN = OUR_TOKEN === '00000000' ? '11111111' : '00000000';

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
  return pid;
}

it('removes staging files of dead processes at the first operation, keeps those of live ones', async () => {
  const staging = path.join(dir.root, '.cloudmux', 'staging');
  await mkdir(staging, { recursive: true });
  const dead = deadPid();
  const live = process.ppid; // jest's parent process: alive for the whole test
  const files = {
    deadCurrent: `${dead}-${HOST}-1234abcd-00112233445566778899aabbccddeeff.part`,
    deadSidecar: `${dead}-${HOST}-1234abcd-0011223344556677.json`,
    deadLegacy: `${dead}-0123456789abcdef.part`,
    samePidEarlierProcess: `${process.pid}-${HOST}-${OTHER_TOKEN}-0123456789abcdef.part`,
    liveOther: `${live}-${HOST}-1234abcd-0123456789abcdef.part`,
    ours: stagingName('fedcba9876543210', '.part'),
    otherHost: `${dead}-${OTHER_HOST}-1234abcd-0123456789abcdef.part`,
    liveButStale: `${live}-${HOST}-1234abcd-aaaaaaaaaaaaaaaa.part`,
    foreign: 'not-ours.tmp',
  };
  for (const f of Object.values(files)) await writeFile(path.join(staging, f), 'partial upload');
  const twoDaysAgo = new Date(Date.now() - 48 * 3600_000);
  await utimes(path.join(staging, files.liveButStale), twoDaysAgo, twoDaysAgo);

  const driver = new LocalStorageDriver(dir.root);
  await driver.listContainers(); // any first operation, even a read
  expect((await readdir(staging)).sort()).toEqual([files.foreign, files.liveOther, files.otherHost, files.ours].sort());

  // Once per root per process: a left-over appearing later waits for the next process.
  const later = `${deadPid()}-${HOST}-1234abcd-bbbbbbbbbbbbbbbb.part`;
  await writeFile(path.join(staging, later), 'x');
  await new LocalStorageDriver(dir.root).listContainers();
  expect(await readdir(staging)).toContain(later);
});

it('the sweep runs before the first upload too, and new staging names carry pid, host and token', async () => {
  const staging = path.join(dir.root, '.cloudmux', 'staging');
  await mkdir(staging, { recursive: true });
  const stale = `${deadPid()}-${HOST}-1234abcd-cccccccccccccccc.part`;
  await writeFile(path.join(staging, stale), 'x');
  const driver = new LocalStorageDriver(dir.root);
  await driver.createContainer({ name: 'box' });
  expect(await readdir(staging)).toEqual([]);
  expect(stagingName('00ff', '.part')).toBe(`${process.pid}-${HOST}-${OUR_TOKEN}-00ff.part`);
});
