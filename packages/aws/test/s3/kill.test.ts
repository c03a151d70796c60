import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NotFoundError } from '@cloudmux/core/errors';
import { S3StorageDriver } from '@cloudmux/aws';
import { DEFAULT_S3_CREDENTIALS, S3Simulator } from '@cloudmux/aws/simulator';

// A process SIGKILLed in the middle of a transfer cannot clean up after itself: what it leaves must
// still be invisible. The child (fixtures/kill-child.mjs) runs the built driver (packages/aws/dist:
// jest's module mapping does not reach child processes), so build first (npm test does).

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures/kill-child.mjs');
const built = path.resolve(here, '../../dist/s3/driver.js');
const KiB = 1024;
const BUCKET = 'kill-test';

interface Child {
  proc: ChildProcess;
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

function startChild(args: Record<string, string>): Child {
  const proc = spawn(process.execPath, [fixture, JSON.stringify(args)], {
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { proc, closed, output: () => output };
}

/** Polls `check` until it is true; fails with the child's output if the child ends or time runs out. */
async function waitFor(child: Child, what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + 8000;
  while (!(await check())) {
    if (child.proc.exitCode !== null || child.proc.signalCode !== null || Date.now() > deadline)
      throw new Error(`child never reached "${what}" (exit ${child.proc.exitCode}); output:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A TCP proxy to `target` that passes the answers back slowly (one chunk per 20 ms), so a download takes seconds. */
async function slowProxy(target: URL): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.on('data', (d: Buffer) => {
      upstream.pause();
      client.write(d, () => setTimeout(() => upstream.resume(), 20));
    });
    upstream.on('end', () => client.end());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

let sim: S3Simulator;
let driver: S3StorageDriver;
let dir: string;
let child: Child | undefined;

beforeAll(() => {
  if (!existsSync(built)) throw new Error(`${built} is missing: run "npx tsc -b packages/aws" (npm test builds first)`);
});

beforeEach(async () => {
  sim = await S3Simulator.start({ minPartSize: 64 * KiB, partDelayMs: 100 });
  sim.createBucket(BUCKET);
  driver = new S3StorageDriver(DEFAULT_S3_CREDENTIALS.accessKeyId, DEFAULT_S3_CREDENTIALS.secretAccessKey, {
    endpoint: sim.endpoint,
    retry: false,
  });
  await driver.uploadObject(BUCKET, { name: 'other.txt', data: 'still here' });
  dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-s3-kill-'));
});

afterEach(async () => {
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  await child?.closed;
  child = undefined;
  driver.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

it('a process killed during a multipart upload leaves no visible object', async () => {
  const key = 'big/upload.bin';
  child = startChild({ mode: 'upload', endpoint: sim.endpoint, bucket: BUCKET, key });
  const partsDone = (): number => sim.calls.filter((c) => c.operation === 'UploadPart' && c.status === 200).length;
  await waitFor(child, 'two parts uploaded', () => partsDone() >= 2);
  child.proc.kill('SIGKILL');
  const { signal } = await child.closed;
  expect(signal).toBe('SIGKILL');
  expect(child.output()).not.toContain('finished');

  // Killed mid-upload: parts were stored, the upload is still open, it was never completed.
  expect(sim.state.openUploads().map((u) => u.key)).toEqual([key]);
  expect(sim.calls.some((c) => c.operation === 'CompleteMultipartUpload')).toBe(false);
  // ... and nothing is visible under the key.
  await expect(driver.getObject(BUCKET, { name: key })).rejects.toBeInstanceOf(NotFoundError);
  expect((await driver.listContainerObjects(BUCKET)).map((o) => o.name)).toEqual(['other.txt']);
});

it('a process killed during a download leaves no file at the destination', async () => {
  const key = 'big/download.bin';
  const size = 8 * 1024 * KiB;
  await driver.uploadObject(BUCKET, { name: key, data: Buffer.alloc(size, 3) });
  const proxy = await slowProxy(new URL(sim.endpoint));
  try {
    const destinationPath = path.join(dir, 'download.bin');
    child = startChild({ mode: 'download', endpoint: proxy.url, bucket: BUCKET, key, destinationPath });
    const partial = async (): Promise<string[]> => (await readdir(dir)).filter((f) => f.endsWith('.cloudmux-part'));
    await waitFor(child, 'bytes written to a temporary file', async () => {
      const [tmp] = await partial();
      return tmp !== undefined && (await stat(path.join(dir, tmp))).size > 0;
    });
    child.proc.kill('SIGKILL');
    const { signal } = await child.closed;
    expect(signal).toBe('SIGKILL');
    expect(child.output()).not.toContain('finished');

    expect(existsSync(destinationPath)).toBe(false);
    // What the killed process leaves is its hidden temporary file, short of the object's size.
    const [tmp] = await partial();
    expect(tmp).toMatch(/^\.download\.bin\.[0-9a-f]+\.cloudmux-part$/);
    expect((await stat(path.join(dir, tmp!))).size).toBeLessThan(size);
  } finally {
    await proxy.close();
  }
});
