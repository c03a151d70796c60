// Environment of the processes a streaming bench forks (servers and clients alike).

/**
 * glibc returns freed heap memory to the kernel as soon as 128 KiB sit free at the top of the heap.
 * A 256 MiB transfer frees and re-allocates its 64 KiB socket buffers tens of thousands of times, so
 * the pages go back and come back: on this VM each round trip is a page fault, and one transfer took
 * 15,000 to 100,000 of them, making its time vary 3x from run to run (a bare http.get included).
 * The benches compare two clients in the same conditions, so they turn the trimming off for every
 * process they fork (server and both clients) unless CLOUDMUX_BENCH_MALLOC=default: the remaining
 * noise is then the clients' own. Freed heap then stays with the process until it is reused, so peak
 * RSS can be a few MB higher than with trimming: the RSS targets are met under the stricter setting.
 */
export function benchChildEnv() {
  if (process.env.CLOUDMUX_BENCH_MALLOC === 'default') return process.env;
  return { ...process.env, MALLOC_TRIM_THRESHOLD_: String(512 * 1024 * 1024) };
}

/** One line saying which allocator setting the forked processes run with. */
export function mallocNote() {
  return process.env.CLOUDMUX_BENCH_MALLOC === 'default'
    ? 'glibc heap trimming as default (CLOUDMUX_BENCH_MALLOC=default)'
    : 'glibc heap trimming off in every forked process (MALLOC_TRIM_THRESHOLD_; CLOUDMUX_BENCH_MALLOC=default keeps it)';
}
