// Shared helpers for benches that compare cloudmux against baselines in the same process and run.
import { performance } from 'node:perf_hooks';

/** Median of a list of numbers. */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Prints one RESULT line (collected by bench/run.mjs into the summary table). */
export function resultLine(bench, metric, value, unit, target = null, pass = null) {
  console.log(`RESULT ${JSON.stringify({ bench, metric, value: Math.round(value * 1000) / 1000, unit, target, pass })}`);
}

async function timed(fn) {
  globalThis.gc?.();
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Times several sides of one case in rounds; each round runs every side once, in an order rotated
 * from round to round (so no side always runs first, or always right after the same other side).
 * Returns per-side median times (ms per run) and, per side, the median over rounds of
 * (this side / the reference side) — a ratio of two runs made moments apart, which tolerates
 * load changing during the bench better than a ratio of medians.
 * @param {Record<string, () => Promise<unknown>>} sides
 * @param {string} reference key of the side ratios are taken against
 */
export async function compareSides(sides, reference, { rounds, warmup }) {
  const names = Object.keys(sides);
  for (let i = 0; i < warmup; i++) for (const n of names) await sides[n]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length];
      times[n].push(await timed(sides[n]));
    }
  }
  const ms = Object.fromEntries(names.map((n) => [n, median(times[n])]));
  const ratio = Object.fromEntries(names.map((n) => [n, median(times[n].map((t, i) => t / times[reference][i]))]));
  return { ms, ratio };
}

/** `n` calls of `call(i)`, at most `concurrency` in flight. */
export async function pool(n, concurrency, call) {
  let next = 0;
  const worker = async () => {
    while (next < n) await call(next++);
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, worker));
}

/**
 * Bytes allocated while `fn` runs (objects collected since included), from V8's sampling heap
 * profiler: unbiased, within a few percent at this sampling interval.
 */
export async function sampledAllocation(fn, samplingInterval = 512) {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    await fn();
    const { profile } = await session.post('HeapProfiler.stopSampling');
    let total = 0;
    const walk = (node) => {
      total += node.selfSize;
      for (const c of node.children) walk(c);
    };
    walk(profile.head);
    return total;
  } finally {
    session.disconnect();
  }
}

/**
 * Heap bytes one result of `fn` keeps alive: the slope of used heap (after a full GC) while holding
 * 1, 2, then 3 results, so whatever else stays referenced between calls cancels out.
 */
export async function retainedBytes(fn) {
  if (!globalThis.gc) return NaN;
  const held = [];
  const heap = [];
  for (let k = 0; k < 3; k++) {
    held.push(await fn());
    globalThis.gc();
    heap.push(process.memoryUsage().heapUsed);
  }
  held.length = 0;
  return (heap[2] - heap[0]) / 2;
}
