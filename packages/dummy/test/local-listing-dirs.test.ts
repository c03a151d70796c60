import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LocalStorageDriver } from '../src/index.js';
import { tempRoot } from './support/temp-root.js';

// iterateContainerObjects over 100,000 objects walks one directory at a time and yields lazily,
// so the heap stays flat however many objects there are. Measured loosely: the heap after a full
// GC, sampled during the walk, must stay far below what holding the objects would take
// (100,000 StorageObjects are well over 50 MB). No timing is asserted.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const DIRS = 100;
const PER_DIR = 1000;
const TOTAL = DIRS * PER_DIR;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('Local storage listing at scale', () => {
  let dir: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    dir = await tempRoot('cmx-local-100k-');
    // Files written straight to disk (as another tool would): the driver hashes them on listing.
    for (let d = 0; d < DIRS; d++) {
      const sub = path.join(dir.root, 'big', `d${String(d).padStart(3, '0')}`);
      await mkdir(sub, { recursive: true });
      const writes: Promise<void>[] = [];
      for (let f = 0; f < PER_DIR; f++) writes.push(writeFile(path.join(sub, `f${String(f).padStart(4, '0')}.txt`), `${d}:${f}`));
      await Promise.all(writes);
    }
  }, 300_000);
  afterAll(() => dir.remove(), 120_000);

  it('iterates 100,000 objects in order with bounded heap', async () => {
    const driver = new LocalStorageDriver(dir.root);
    const base = heapAfterGc();
    let peak = -Infinity;
    let count = 0;
    let previous = '';
    let ordered = true;
    for await (const o of driver.iterateContainerObjects('big')) {
      if (o.name <= previous) ordered = false;
      previous = o.name;
      count++;
      if (count % 10_000 === 0) peak = Math.max(peak, heapAfterGc() - base);
    }
    const growthMb = peak / 1024 / 1024;
    console.log(`iterateContainerObjects over ${count} objects: largest heap growth after GC ${growthMb.toFixed(2)} MB`);
    expect(count).toBe(TOTAL);
    expect(ordered).toBe(true);
    expect(previous).toBe('d099/f0999.txt');
    expect(growthMb).toBeLessThan(16);
  }, 600_000);

  it('a prefix inside one directory reads only that directory', async () => {
    const driver = new LocalStorageDriver(dir.root);
    const names = (await driver.listContainerObjects('big', { prefix: 'd042/f099' })).map((o) => o.name);
    expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `d042/f099${i}.txt`));
  });
});
