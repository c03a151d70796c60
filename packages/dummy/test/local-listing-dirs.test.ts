import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LocalStorageDriver } from '../src/index.js';
import { tempRoot } from './support/temp-root.js';

// iterateContainerObjects walks one directory at a time and yields lazily, in order, across
// directory boundaries. Correctness over several directories here; the 100,000-object run with
// its heap measurement is a benchmark (bench/local-listing.bench.mjs), not a test.

const DIRS = 12;
const PER_DIR = 150;
const TOTAL = DIRS * PER_DIR;

describe('Local storage listing across many directories', () => {
  let dir: Awaited<ReturnType<typeof tempRoot>>;
  beforeAll(async () => {
    dir = await tempRoot('cmx-local-many-');
    // Files written straight to disk (as another tool would): the driver hashes them on listing.
    for (let d = 0; d < DIRS; d++) {
      const sub = path.join(dir.root, 'big', `d${String(d).padStart(3, '0')}`);
      await mkdir(sub, { recursive: true });
      await Promise.all(
        Array.from({ length: PER_DIR }, (_, f) => writeFile(path.join(sub, `f${String(f).padStart(4, '0')}.txt`), `${d}:${f}`)),
      );
    }
  });
  afterAll(() => dir.remove());

  it('iterates every object once, in name order, across directories', async () => {
    const driver = new LocalStorageDriver(dir.root);
    const names: string[] = [];
    for await (const o of driver.iterateContainerObjects('big')) names.push(o.name);
    expect(names).toHaveLength(TOTAL);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(TOTAL);
    expect(names[0]).toBe('d000/f0000.txt');
    expect(names.at(-1)).toBe(`d${String(DIRS - 1).padStart(3, '0')}/f${String(PER_DIR - 1).padStart(4, '0')}.txt`);
  });

  it('a prefix inside one directory reads only that directory', async () => {
    const driver = new LocalStorageDriver(dir.root);
    const names = (await driver.listContainerObjects('big', { prefix: 'd007/f014' })).map((o) => o.name);
    expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `d007/f014${i}.txt`));
  });
});
