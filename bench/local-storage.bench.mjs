// Local storage streaming: upload then download a 1 GiB object through the built
// LocalStorageDriver (packages/dummy/dist), against a plain `fs` stream copy of the same file
// measured in the same run. Reports throughput, the driver/fs time ratio (target <= 1.5) and the
// peak RSS while the driver streams (target < 150 MB). Each round times the driver next to the
// fs copy (alternating which goes first); the ratio reported is the median of the per-round
// ratios, which is robust to other load on the machine. Everything lives in a temp directory
// under os.tmpdir() that is removed at the end.
// Env: CLOUDMUX_BENCH_LOCAL_MB (object size, default 1024), CLOUDMUX_BENCH_ROUNDS (default 5).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'packages/dummy/dist/index.js');
if (!existsSync(dist)) {
  console.log('packages/dummy/dist is missing: run npm run build first');
  process.exit(1);
}
const { LocalStorageDriver } = await import(dist);

const SIZE_MB = Number(process.env.CLOUDMUX_BENCH_LOCAL_MB ?? 1024);
const ROUNDS = Math.max(1, Number(process.env.CLOUDMUX_BENCH_ROUNDS ?? 5));
const SIZE = SIZE_MB * 1024 * 1024;
const RSS_TARGET_MB = 150;
const RATIO_TARGET = 1.5;
const MB = 1024 * 1024;

function result(metric, value, unit, target, pass) {
  console.log(`RESULT ${JSON.stringify({ bench: 'local-storage', metric, value, unit, target, pass })}`);
}

/** Runs `fn`, sampling RSS every 10 ms; returns seconds taken and the peak RSS seen (MB). */
async function measure(fn) {
  globalThis.gc?.();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const t0 = process.hrtime.bigint();
  try {
    await fn();
  } finally {
    clearInterval(timer);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds, peakMb: peak / MB };
}

/** Writes `SIZE` bytes of incompressible data (a random 1 MiB block repeated). */
async function makeSource(file) {
  const block = randomBytes(MB);
  const fh = await open(file, 'w');
  try {
    for (let written = 0; written < SIZE; written += block.length) await fh.write(block, 0, Math.min(block.length, SIZE - written));
  } finally {
    await fh.close();
  }
}

const fsCopy = (from, to) => pipeline(createReadStream(from), createWriteStream(to));

const dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-bench-local-'));
try {
  const source = path.join(dir, 'source.bin');
  const scratch = path.join(dir, 'scratch.bin');
  const storeRoot = path.join(dir, 'store');
  await (await import('node:fs/promises')).mkdir(storeRoot);
  console.log(`writing a ${SIZE_MB} MiB source file in ${dir} (RSS before: ${(process.memoryUsage.rss() / MB).toFixed(0)} MB)`);
  await makeSource(source);

  const driver = new LocalStorageDriver(storeRoot);
  await driver.createContainer({ name: 'bench' });
  const rounds = [];
  let peakUpMb = 0;
  let peakDownMb = 0;
  let object;
  for (let round = 1; round <= ROUNDS; round++) {
    // Each driver operation is timed next to the plain fs copy it is compared with; which of
    // the two goes first alternates between rounds, so page-cache and write-back effects even out.
    const fsFirst = round % 2 === 1;
    const pair = async (driverOp, fsOp) => {
      const a = await measure(fsFirst ? fsOp : driverOp);
      await rm(scratch, { force: true });
      const b = await measure(fsFirst ? driverOp : fsOp);
      await rm(scratch, { force: true });
      return fsFirst ? [b, a] : [a, b];
    };
    const [up, fsUp] = await pair(
      async () => {
        object = await driver.uploadObject('bench', { name: 'big/object.bin', filePath: source });
        if (object.size !== SIZE) throw new Error(`uploaded ${object.size} bytes, expected ${SIZE}`);
      },
      () => fsCopy(source, scratch),
    );
    const stored = path.join(storeRoot, 'bench', 'big', 'object.bin');
    const [down, fsDown] = await pair(
      async () => {
        await driver.downloadObject(object, { destinationPath: scratch });
        if ((await stat(scratch)).size !== SIZE) throw new Error('downloaded file has the wrong size');
      },
      () => fsCopy(stored, scratch),
    );
    const mbps = (s) => (SIZE / MB / s).toFixed(0);
    console.log(
      `round ${round}: fs copy ${mbps(fsUp.seconds)} MB/s (peak RSS ${fsUp.peakMb.toFixed(0)} MB), driver upload ${mbps(up.seconds)} MB/s (peak RSS ${up.peakMb.toFixed(0)} MB); ` +
        `fs copy ${mbps(fsDown.seconds)} MB/s, driver download ${mbps(down.seconds)} MB/s (peak RSS ${down.peakMb.toFixed(0)} MB)`,
    );
    rounds.push({ fsUp: fsUp.seconds, up: up.seconds, fsDown: fsDown.seconds, down: down.seconds });
    peakUpMb = Math.max(peakUpMb, up.peakMb);
    peakDownMb = Math.max(peakDownMb, down.peakMb);
    await driver.deleteObject(object);
    object = undefined;
  }

  const median = (values) => {
    const v = [...values].sort((a, b) => a - b);
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const tput = (key) => median(rounds.map((r) => SIZE / MB / r[key]));
  const upRatio = median(rounds.map((r) => r.up / r.fsUp));
  const downRatio = median(rounds.map((r) => r.down / r.fsDown));
  result(`upload ${SIZE_MB} MiB (driver, median)`, tput('up'), 'MB/s', null, null);
  result(`upload ${SIZE_MB} MiB (fs stream copy, median)`, tput('fsUp'), 'MB/s', null, null);
  result('upload time driver/fs (median of rounds)', upRatio, 'ratio', `<= ${RATIO_TARGET}`, upRatio <= RATIO_TARGET);
  result(`download ${SIZE_MB} MiB (driver, median)`, tput('down'), 'MB/s', null, null);
  result(`download ${SIZE_MB} MiB (fs stream copy, median)`, tput('fsDown'), 'MB/s', null, null);
  result('download time driver/fs (median of rounds)', downRatio, 'ratio', `<= ${RATIO_TARGET}`, downRatio <= RATIO_TARGET);
  result('peak RSS during upload', peakUpMb, 'MB', `< ${RSS_TARGET_MB} MB`, peakUpMb < RSS_TARGET_MB);
  result('peak RSS during download', peakDownMb, 'MB', `< ${RSS_TARGET_MB} MB`, peakDownMb < RSS_TARGET_MB);
  result('max RSS of the process', process.resourceUsage().maxRSS / 1024, 'MB', null, null);
} finally {
  await rm(dir, { recursive: true, force: true });
}
