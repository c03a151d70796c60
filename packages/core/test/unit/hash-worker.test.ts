import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { allocSharedBuffer, OffThreadHash } from '@cloudmux/core/storage';

const built = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/storage/index.js');

const hex = (algorithm: string, ...parts: Uint8Array[]): string => {
  const h = createHash(algorithm);
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

describe('OffThreadHash', () => {
  it('hashes bytes fed in pieces on the hashing thread, in order, with per-update block digests', async () => {
    const a = allocSharedBuffer(300_000);
    const b = allocSharedBuffer(5);
    randomBytes(300_000).copy(a);
    b.write('hello');
    const h = new OffThreadHash('md5');
    expect(h.offThread).toBe(true);
    const [blockA, blockB] = await Promise.all([h.update(a, true), h.update(b, true)]);
    expect(blockA).toBe(hex('md5', a));
    expect(blockB).toBe(hex('md5', b));
    expect(await h.update(a.subarray(10, 20))).toBeUndefined();
    expect(await h.digest()).toBe(hex('md5', a, b, a.subarray(10, 20)));
  });

  it('computes SHA-256 too, and keeps concurrent hashes apart', async () => {
    const x = new OffThreadHash('md5');
    const y = new OffThreadHash('sha256');
    const one = allocSharedBuffer(3);
    one.write('one');
    const two = allocSharedBuffer(3);
    two.write('two');
    const [, blockY] = await Promise.all([x.update(one), y.update(two, true), x.update(two)]);
    expect(blockY).toBe(hex('sha256', two));
    expect(await y.digest()).toBe(hex('sha256', two));
    expect(await x.digest()).toBe(hex('md5', Buffer.from('onetwo')));
  });

  it('accepts bytes outside shared memory (copied once), and a shared slot can be reused once an update resolved', async () => {
    const h = new OffThreadHash('md5');
    const slot = allocSharedBuffer(64 * 1024);
    const data = randomBytes(200 * 1024);
    for (let at = 0; at < data.length; at += slot.length) {
      const n = data.copy(slot, 0, at);
      await h.update(slot.subarray(0, n));
    }
    await h.update(Buffer.from('plain'));
    await h.update(new Uint8Array([1, 2, 3]));
    expect(await h.digest()).toBe(hex('md5', data, Buffer.from('plain'), new Uint8Array([1, 2, 3])));
  });

  it('an empty hash has the digest of no bytes; discard after digest is harmless', async () => {
    const h = new OffThreadHash('sha256');
    expect(await h.digest()).toBe(hex('sha256'));
    h.discard();
    const d = new OffThreadHash('md5');
    await d.update(Buffer.from('x'));
    d.discard();
  });

  (existsSync(built) ? it : it.skip)('runs on its thread in a process started with --input-type=module (no inherited flags)', async () => {
    const script = `
      const { OffThreadHash } = await import(${JSON.stringify(pathToFileURL(built).href)});
      const h = new OffThreadHash('md5');
      await h.update(Buffer.from('abc'));
      console.log(JSON.stringify({ offThread: h.offThread, digest: await h.digest() }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000 });
    expect(JSON.parse(stdout)).toEqual({ offThread: true, digest: hex('md5', Buffer.from('abc')) });
  });

  (existsSync(built) ? it : it.skip)('does not keep a process alive when its thread was started but never used', async () => {
    // A transfer abandoned before its first bytes: the thread started, no request was ever sent.
    const script = `
      const { OffThreadHash } = await import(${JSON.stringify(pathToFileURL(built).href)});
      const h = new OffThreadHash('md5');
      h.discard();
      console.log(JSON.stringify({ offThread: h.offThread }));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 15_000 });
    expect(JSON.parse(stdout)).toEqual({ offThread: true });
  });
});
