// Shared harness of the storage streaming benches (s3, azure, swift): a simulator in its own child process,
// every streaming measurement in a fresh client child process, rotated rounds, and the report lines.
import { fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { benchChildEnv } from './child-env.mjs';
import { resultLine } from './compare.mjs';

/** One MiB in bytes. */
export const MB = 1024 * 1024;

/** Median of a list of numbers (mean of the two middle values for an even count). */
export function median(xs) {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

/** `PASS` or `MISS`. */
export const verdict = (pass) => (pass ? 'PASS' : 'MISS');

/** Peak RSS of this process in MB: the kernel's high-water mark (VmHWM). */
export function vmHwmMb() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** `mb` MiB of incompressible bytes as a stream (a random 1 MiB block repeated), generated as read. */
export function generated(mb) {
  const block = randomBytes(MB);
  let left = mb;
  return new Readable({
    highWaterMark: MB,
    read() {
      if (left-- > 0) this.push(Buffer.from(block));
      else this.push(null);
    },
  });
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The built `dist` folder of `packageDir` (from the repository root, e.g. `packages/aws`); exits with a
 * hint when one of `files` (paths inside it) is missing.
 */
export function builtDist(packageDir, ...files) {
  const dist = path.join(ROOT, packageDir, 'dist');
  if (files.some((f) => !existsSync(path.join(dist, f)))) {
    console.log(`${packageDir}/dist is missing: run npx tsc -b ${packageDir} first`);
    process.exit(1);
  }
  return dist;
}

/** Runs the part of a storage bench its process was started for: `server`, `client <json>`, or `main` without an argument. */
export function runPart({ server, client, main }) {
  const mode = process.argv[2];
  if (mode === 'server') return server();
  if (mode === 'client') return client(JSON.parse(process.argv[3]));
  return main();
}

/** A sink that counts bytes (in its `bytes` property). */
export function counter() {
  const sink = new Writable({
    write(chunk, _enc, cb) {
      sink.bytes += chunk.length;
      cb();
    },
  });
  sink.bytes = 0;
  return sink;
}

/**
 * A sink that counts bytes and checksums them in line, as a bare client verifying a download would:
 * `algorithm` `crc32` (zlib) or `md5`; `check(expectedHex)` throws on a mismatch.
 */
export function verifyingCounter(algorithm) {
  const md5 = algorithm === 'md5' ? createHash('md5') : undefined;
  let crc = 0;
  const sink = new Writable({
    write(chunk, _enc, cb) {
      sink.bytes += chunk.length;
      if (md5) md5.update(chunk);
      else crc = crc32(chunk, crc);
      cb();
    },
  });
  sink.bytes = 0;
  sink.check = (expectedHex) => {
    const got = md5 ? md5.digest('hex') : (crc >>> 0).toString(16).padStart(8, '0');
    if (got !== expectedHex) throw new Error(`bare client: ${algorithm} ${got}, expected ${expectedHex}`);
  };
  return sink;
}

/**
 * Drains a bare got GET stream through {@link verifyingCounter}, then checks the hex checksum that
 * `expected(headers)` reads from the response; resolves to the byte count.
 */
export async function drainVerified(body, algorithm, expected) {
  const sink = verifyingCounter(algorithm);
  let headers = {};
  body.once('response', (r) => (headers = r.headers));
  await pipeline(body, sink);
  sink.check(expected(headers));
  return sink.bytes;
}

/** Prints how `cloudmux` compares with another bare side (information), e.g. one that verifies the same checksum. */
export function reportVersus({ bench, op, sizeMb, runs, side, label }) {
  if (!runs[side] || !runs.cloudmux) return;
  const vs = median(runs.cloudmux.map((r, i) => runs[side][i].seconds / r.seconds));
  console.log(`${op} ${sizeMb} MiB: cloudmux -> ${vs.toFixed(2)}x of ${label} (information)`);
  resultLine(bench, `${op}-${sizeMb}MiB.cloudmux.vs-${side}`, vs, 'ratio');
}

/**
 * Starts the clock and RSS sampling (every 10 ms) around a transfer; `stop()` returns
 * `{ seconds, peakMb, baseMb }` (peakMb also counts VmHWM).
 */
export function measure() {
  const baseMb = process.memoryUsage.rss() / MB;
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const t0 = process.hrtime.bigint();
  return {
    baseMb,
    stop() {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return { seconds, peakMb: Math.max(peak / MB, vmHwmMb()), baseMb };
    },
  };
}

/** Runs one client child of `script` (`script client <json>`) and returns the last JSON line it printed. */
export function runClient(script, ctx, op, side) {
  return new Promise((resolve, reject) => {
    const child = fork(script, ['client', JSON.stringify({ ...ctx, op, side })], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      env: benchChildEnv(),
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) reject(new Error(`client ${op}/${side} exited with ${code}: ${out}`));
      else resolve(JSON.parse(line));
    });
  });
}

/** Forks `script server` (gc exposed, large heap) and returns `{ srv, next, ask }` over its IPC messages. */
export function startServer(script) {
  const srv = fork(script, ['server'], {
    env: benchChildEnv(),
    execArgv: ['--expose-gc', '--max-old-space-size=8192'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies = [];
  let waiting;
  srv.on('message', (m) => {
    replies.push(m);
    waiting?.();
  });
  const next = async () => {
    while (replies.length === 0) await new Promise((r) => (waiting = r));
    return replies.shift();
  };
  const ask = (msg) => {
    srv.send(msg);
    return next();
  };
  return { srv, next, ask };
}

/**
 * Runs `run(side)` for every side, `rounds` times, order rotated between rounds; `after(result)` runs after
 * each (e.g. deleting the upload). Returns the results per side.
 */
export async function rotatedRounds(rounds, sides, run, after) {
  const runs = Object.fromEntries(sides.map((s) => [s, []]));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(round + k) % sides.length];
      const r = await run(side);
      runs[side].push(r);
      await after?.(r);
    }
  }
  return runs;
}

/** Prints the listing comparison line (`list <count> <noun>: …`) and its RESULT lines. */
export function reportList({ bench, count, noun, target, ms, ratio }) {
  const pass = ratio.cloudmux <= target;
  console.log(
    `list ${count} ${noun}: cloudmux ${ms.cloudmux.toFixed(1)} ms, bare got ${ms.got.toFixed(1)} ms -> ${ratio.cloudmux.toFixed(2)}x (target <= ${target}x) ${verdict(pass)}`,
  );
  resultLine(bench, 'list-10000.cloudmux', ms.cloudmux, 'ms');
  resultLine(bench, 'list-10000.got', ms.got, 'ms');
  resultLine(bench, 'list-10000.vs-got', ratio.cloudmux, 'ratio', `<= ${target}`, pass);
}

/**
 * Prints a streamed case's lines (throughput, ratio to the `got` side, peak RSS) and RESULT lines. Targets
 * compare a side with the bare side doing the same work: `targets` maps a driver side to that bare side
 * (default `{ cloudmux: 'got' }`; e.g. a verified GET to a bare GET verifying the same checksum), and
 * `labels` says what each bare side does. Each targeted side gets the throughput target against its bare
 * side and the RSS target; every other ratio is information. `note(side, results)` adds text after a side's name.
 */
export function reportStream({
  bench,
  op,
  sizeMb,
  runs,
  sides,
  tputTarget,
  rssTargetMb,
  targets = { cloudmux: 'got' },
  labels = {},
  note = () => '',
}) {
  const result = (metric, value, unit, target = null, pass = null) => resultLine(bench, metric, value, unit, target, pass);
  const tput = (s) => median(runs[s].map((r) => sizeMb / r.seconds));
  const peakOf = (s) => Math.max(...runs[s].map((r) => r.peakMb));
  const baseOf = (s) => median(runs[s].map((r) => r.baseMb));
  const ratioOf = (s, ref) => median(runs[s].map((r, i) => runs[ref][i].seconds / r.seconds));
  const what = (ref) => (labels[ref] ? ` (${labels[ref]})` : '');
  console.log(
    `${op} ${sizeMb} MiB: bare got${what('got')} ${tput('got').toFixed(0)} MB/s (peak RSS ${peakOf('got').toFixed(0)} MB, ${baseOf('got').toFixed(0)} MB before the transfer)`,
  );
  result(`${op}-${sizeMb}MiB.got`, tput('got'), 'MB/s');
  for (const s of sides.filter((x) => x !== 'got')) {
    const ratio = ratioOf(s, 'got');
    const peak = peakOf(s);
    const ref = targets[s];
    const same = ref === undefined ? undefined : ratioOf(s, ref);
    const against = ref === undefined || ref === 'got' ? '' : `; ${same.toFixed(2)}x of ${ref}${what(ref)}`;
    const verdictOf = ref === undefined ? '' : ` (same work: target >= ${tputTarget}x) ${verdict(same >= tputTarget)}`;
    console.log(
      `${op} ${sizeMb} MiB: ${s}${note(s, runs[s])}${targets[s] === undefined && labels[s] ? ` (${labels[s]})` : ''} ${tput(s).toFixed(0)} MB/s -> ${ratio.toFixed(2)}x of got${against}${verdictOf}` +
        `, peak RSS ${peak.toFixed(0)} MB (${baseOf(s).toFixed(0)} MB before the transfer)` +
        (ref === undefined ? '' : ` (target <= ${rssTargetMb} MB) ${verdict(peak <= rssTargetMb)}`),
    );
    result(`${op}-${sizeMb}MiB.${s}`, tput(s), 'MB/s');
    const gotTarget = ref === 'got';
    result(`${op}-${sizeMb}MiB.${s}.vs-got`, ratio, 'ratio', gotTarget ? `>= ${tputTarget}` : null, gotTarget ? ratio >= tputTarget : null);
    if (ref !== undefined && ref !== 'got')
      result(`${op}-${sizeMb}MiB.${s}.vs-${ref}`, same, 'ratio', `>= ${tputTarget}`, same >= tputTarget);
    const rssTarget = ref !== undefined;
    result(
      `${op}-${sizeMb}MiB.${s}.peak-rss`,
      peak,
      'MB',
      rssTarget ? `<= ${rssTargetMb} MB` : null,
      rssTarget ? peak <= rssTargetMb : null,
    );
  }
}

/**
 * The GET's same-work targets for {@link reportStream}: the verified `cloudmux` side against `bareSide` (a bare
 * GET checking the same `checksum` in line), `cloudmux-nohash` against the bare GET that checks nothing.
 */
export function sameWorkGet(bareSide, checksum) {
  return {
    targets: { cloudmux: bareSide, 'cloudmux-nohash': 'got' },
    labels: { got: 'nothing verified', [bareSide]: `verifying the same ${checksum} in line` },
  };
}

/**
 * A storage bench's settings: sizes and parts from `CLOUDMUX_BENCH_<NAME>_MB` (default 256), `_BIG_MB` (1024) and
 * `_PARTS` (list,get,put,big), rounds from `CLOUDMUX_BENCH_ROUNDS` (5), and the shared counts and targets.
 */
export function streamingSettings(name) {
  const env = (k, d) => process.env[`CLOUDMUX_BENCH_${name}_${k}`] ?? d;
  return {
    SIZE_MB: Number(env('MB', 256)),
    BIG_MB: Number(env('BIG_MB', 1024)),
    ROUNDS: Math.max(1, Number(process.env.CLOUDMUX_BENCH_ROUNDS ?? 5)),
    PARTS: new Set(env('PARTS', 'list,get,put,big').split(',')),
    KEYS: 10_000,
    PAGE: 1000,
    LIST_TARGET: 1.2,
    TPUT_TARGET: 0.9,
    RSS_TARGET_MB: 150,
  };
}
