/**
 * Kill test: a process SIGKILLed in the middle of a static-large-object upload leaves no object under that
 * name (only orphan segments in `<container>_segments`), and one killed in the middle of a download leaves
 * no destination file (core's atomic download). The child runs the built driver (packages/openstack/dist).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { NotFoundError } from '@cloudmux/core/errors';
import { OpenStackSwiftStorageDriver, segmentContainerOf } from '@cloudmux/openstack';
import { OpenStackSimulator } from '@cloudmux/openstack/simulator';
import { describeWithService } from '../../../../scripts/test/with-service.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist/index.js');
const child = path.join(here, 'support/kill-child.mjs');

interface Account {
  authUrl: string;
  user: string;
  key: string;
}

/** Runs the child; `until(line)` returning true SIGKILLs it. Resolves with the signal it ended with. */
function runChild(
  mode: string,
  env: Record<string, string>,
  until: (line: string) => boolean | Promise<boolean>,
): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, mode], {
      env: { ...process.env, NODE_OPTIONS: '', CMX_DIST: dist, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.stdout.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n').filter(Boolean)) {
        void Promise.resolve(until(line)).then((stop) => {
          if (stop && p.exitCode === null) p.kill('SIGKILL');
        }, reject);
      }
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`child exited with ${code}: ${err}`));
      else resolve(signal);
    });
  });
}

function killSuite(account: () => Account): void {
  let driver: OpenStackSwiftStorageDriver;
  let container: string;
  let dir: string;

  beforeAll(() => {
    if (!existsSync(dist)) throw new Error(`${dist} is missing: build the package first (npm test does)`);
  });
  beforeEach(async () => {
    const a = account();
    driver = new OpenStackSwiftStorageDriver(a.user, a.key, { authUrl: a.authUrl });
    container = `cmx-kill-${randomBytes(4).toString('hex')}`;
    await driver.createContainer({ name: container });
    dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-swift-kill-'));
  });
  afterEach(async () => {
    for (const c of [container, segmentContainerOf(container)]) {
      const objects = await driver.listContainerObjects(c).catch(() => []);
      for (const o of objects) await driver.deleteObject(o).catch(() => undefined);
      await driver.deleteContainer(c).catch(() => undefined);
    }
    driver.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('an upload killed half-way leaves no object under its name', async () => {
    const a = account();
    const env = { CMX_AUTH_URL: a.authUrl, CMX_USER: a.user, CMX_KEY: a.key, CMX_CONTAINER: container, CMX_NAME: 'big/killed.bin' };
    // Kill once at least two segments are stored in <container>_segments.
    const signal = await runChild('upload', env, async (line) => {
      if (!line.startsWith('chunk')) return false;
      const segs = await driver.listContainerObjects(segmentContainerOf(container)).catch(() => []);
      return segs.length >= 2;
    });
    expect(signal).toBe('SIGKILL');
    expect((await driver.listContainerObjects(segmentContainerOf(container))).length).toBeGreaterThanOrEqual(2);
    await expect(driver.getObject(container, { name: 'big/killed.bin' })).rejects.toBeInstanceOf(NotFoundError);
    expect((await driver.listContainerObjects(container)).map((o) => o.name)).toEqual([]);
  });

  it('a download killed half-way leaves no destination file', async () => {
    const a = account();
    await driver.uploadObject(container, { name: 'dl.bin', data: randomBytes(48 * 1024 * 1024) });
    const dest = path.join(dir, 'dl.bin');
    const env = { CMX_AUTH_URL: a.authUrl, CMX_USER: a.user, CMX_KEY: a.key, CMX_CONTAINER: container, CMX_NAME: 'dl.bin', CMX_DEST: dest };
    const signal = await runChild('download', env, () => false);
    expect(signal).toBe('SIGKILL');
    expect(existsSync(dest)).toBe(false);
    // Only the hidden temporary file (never renamed into place) can remain.
    expect((await readdir(dir)).every((f) => f.endsWith('.cloudmux-part'))).toBe(true);
  });
}

describe('kill test (simulator)', () => {
  let sim: OpenStackSimulator;
  beforeAll(async () => {
    sim = await OpenStackSimulator.start();
  });
  afterAll(() => sim.stop());
  killSuite(() => ({ authUrl: `${sim.url}/auth/v1.0`, user: 'demo:demo', key: 'secret' }));
});

describeWithService('swift', 'kill test (real Swift)', () => {
  killSuite(() => ({ authUrl: process.env.SWIFT_AUTH_URL!, user: process.env.SWIFT_USER!, key: process.env.SWIFT_KEY! }));
});
