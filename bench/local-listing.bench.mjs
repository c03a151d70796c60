// Local storage listing at scale: iterateContainerObjects over 100,000 objects (100 directories of
// 1,000 files written straight to disk, as another tool would) through the built
// LocalStorageDriver. The walk goes one directory at a time and yields lazily, so the heap after a
// full GC must stay flat: target < 16 MB of growth (100,000 StorageObjects held at once would be
// well over 50 MB). Also reports objects per second. Run with --expose-gc (bench/run.mjs does).
// Env: CLOUDMUX_BENCH_LISTING_DIRS (default 100), CLOUDMUX_BENCH_LISTING_PER_DIR (default 1000).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/dummy/dist/index.js');
if (!existsSync(dist)) {
  console.log('packages/dummy/dist is missing: run npm run build first');
  process.exit(1);
}
const { LocalStorageDriver } = await import(dist);
const gc = globalThis.gc ?? (() => {});

const DIRS = Number(process.env.CLOUDMUX_BENCH_LISTING_DIRS ?? 100);
const PER_DIR = Number(process.env.CLOUDMUX_BENCH_LISTING_PER_DIR ?? 1000);
const TOTAL = DIRS * PER_DIR;
const HEAP_TARGET_MB = 16;

function result(metric, value, unit, target, pass) {
  console.log(`RESULT ${JSON.stringify({ bench: 'local-listing', metric, value, unit, target, pass })}`);
}

const heapAfterGc = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-bench-listing-'));
try {
  for (let d = 0; d < DIRS; d++) {
    const sub = path.join(dir, 'big', `d${String(d).padStart(3, '0')}`);
    await mkdir(sub, { recursive: true });
    await Promise.all(
      Array.from({ length: PER_DIR }, (_, f) => writeFile(path.join(sub, `f${String(f).padStart(4, '0')}.txt`), `${d}:${f}`)),
    );
  }
  const driver = new LocalStorageDriver(dir);
  const base = heapAfterGc();
  let peak = 0;
  let count = 0;
  let previous = '';
  const t0 = process.hrtime.bigint();
  for await (const o of driver.iterateContainerObjects('big')) {
    if (o.name <= previous) throw new Error(`out of order: ${previous} then ${o.name}`);
    previous = o.name;
    count++;
    if (count % 10_000 === 0) peak = Math.max(peak, heapAfterGc() - base);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (count !== TOTAL) throw new Error(`listed ${count} objects, expected ${TOTAL}`);
  const growthMb = peak / 1024 / 1024;
  console.log(
    `iterateContainerObjects over ${count} objects: ${(count / seconds).toFixed(0)} objects/s (heap sampled every 10,000 with a full GC), largest heap growth after GC ${growthMb.toFixed(2)} MB (target < ${HEAP_TARGET_MB} MB)`,
  );
  result('heap growth listing 100k objects', Math.round(growthMb * 100) / 100, 'MB', `< ${HEAP_TARGET_MB}`, growthMb < HEAP_TARGET_MB);
  result('listing throughput', Math.round(count / seconds), 'objects/s', 'info', true);
} finally {
  await rm(dir, { recursive: true, force: true });
}
