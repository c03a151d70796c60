/**
 * Stop every machine carrying a tag, a few at a time (the smartdc tutorial's thread-pool
 * example, with bounded concurrency instead of threads).
 *
 * On the simulator it first creates six machines tagged `batch=nightly`. Against a real cloud it
 * only touches machines tagged with EXAMPLE_TAG=<key>=<value> and refuses to run without it.
 */
import { mapSettled } from '@cloudmux/core';
import { connect, pickSizeAndImage } from './_connect.js';

const CONCURRENCY = 3;
const { driver, simulated, pollIntervalMs, close } = await connect();
try {
  let tag: [string, string];
  if (simulated) {
    tag = ['batch', 'nightly'];
    const { size, image } = await pickSizeAndImage(driver);
    const created = await mapSettled([1, 2, 3, 4, 5, 6], CONCURRENCY, (i) =>
      driver.createNode({ name: `worker-${i}`, size, image, ex: { tags: { batch: 'nightly' } } }),
    );
    await driver.waitUntilRunning(
      created.flatMap((r) => (r.ok ? [r.value] : [])),
      { pollIntervalMs, requireIp: false },
    );
  } else {
    const spec = process.env['EXAMPLE_TAG'];
    if (!spec?.includes('=')) throw new Error('Set EXAMPLE_TAG=<key>=<value> to choose which machines to stop');
    tag = spec.split('=', 2) as [string, string];
  }

  const targets = await driver.listNodes({ ex: { tags: { [tag[0]]: tag[1] }, state: 'running' } });
  console.log(`stopping ${targets.length} machines tagged ${tag[0]}=${tag[1]}, ${CONCURRENCY} at a time`);
  const results = await mapSettled(targets, CONCURRENCY, async (node) => {
    await driver.stopNode(node);
    const stopped = await driver.exWaitForState(node, 'stopped', { pollIntervalMs });
    console.log(`  ${node.name}: ${stopped.state}`);
    return stopped;
  });
  const failed = results.filter((r) => !r.ok);
  console.log(`done: ${results.length - failed.length} stopped, ${failed.length} failed`);
  for (const f of failed) if (!f.ok) console.error(`  ${String(f.error)}`);

  if (simulated) for (const n of targets) await driver.destroyNode(n);
  if (failed.length > 0) process.exitCode = 1;
} finally {
  await close();
}
