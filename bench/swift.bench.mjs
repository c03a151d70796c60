// OpenStack Swift driver cost against a bare got client in the same run, both talking to the Swift part of the
// OpenStack simulator (built packages/openstack/dist; build first: npx tsc -b packages/openstack). Both sides log
// in with tempauth v1.0 (X-Auth-User/X-Auth-Key -> X-Auth-Token + X-Storage-Url) before any clock starts. The
// simulator runs in its own child process, and every streaming measurement runs in a fresh client child process,
// so the client's time and peak RSS (sampled every 10 ms and VmHWM of /proc/self/status) are its own.
// Targets (issue #12):
//  a. list 10,000 objects (GET ?format=json&limit=1000&marker=, pages of 1,000):
//     OpenStackSwiftStorageDriver.listContainerObjects (pageSize 1000) <= 1.2x a bare got client doing the same
//     requests with the same token and JSON.parse.
//  b. 256 MiB streamed GET (downloadObjectAsStream -> drain, MD5 verified against the ETag by default; the
//     getObject HEAD before it is not timed) and PUT (uploadObjectViaStream from a generated stream of unknown
//     length: a static large object of segments at the driver's default segment size and concurrency, each
//     segment MD5-hashed and sent with its ETag, then the manifest) at >= 0.9x the throughput of a bare got
//     client doing the same work (DESIGN.md): one streamed GET verifying the same MD5 (`got-md5`), one
//     streamed PUT with content-length of the same bytes and no checksum (`got`, doing less than the driver);
//     the unverified GET (`cloudmux-nohash`) against a bare GET (`got`); client peak RSS <= 150 MB.
//     Information (no target): PUT of a 256 MiB temp file with uploadObject (`cloudmux-known-size`: its size
//     is known, so one streamed PUT hashed on the way, no segments), and the verified GET against the bare
//     GET that verifies nothing (MD5 runs at about 680 MB/s on this CPU, slower than the loopback transfer
//     itself, so every verifying side, bare or not, is bound by it).
//  c. 1 GiB upload from a stream (a static large object at the default segment options), client peak RSS <= 150 MB.
// The simulator keeps objects in memory (in its own process) and its request log short (requestLogLimit; it
// stores no bodies); each uploaded object and its segments are deleted right after, from the server process.
// Env: CLOUDMUX_BENCH_SWIFT_MB (streamed object size, default 256), CLOUDMUX_BENCH_SWIFT_BIG_MB (default 1024),
//      CLOUDMUX_BENCH_ROUNDS (streaming rounds, default 5), CLOUDMUX_BENCH_MALLOC (see lib/child-env.mjs),
//      CLOUDMUX_BENCH_SWIFT_PARTS (which of list,get,put,big to run; default all).
// Same work: the verified GET's target is against `got-md5`, the bare client checking the ETag's MD5 in line;
// `cloudmux-nohash` (verifyHash: false) is held to the target against the bare GET that verifies nothing.
// The harness shared with the other storage benches (child processes, rotated rounds, RSS sampling, report and
// RESULT lines, env settings) is bench/lib/streaming.mjs; this file keeps the seeding and each side's transfer.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { mallocNote } from './lib/child-env.mjs';
import {
  MB,
  counter,
  generated,
  measure,
  reportList,
  reportStream,
  rotatedRounds,
  runClient as runChild,
  startServer,
  streamingSettings,
  builtDist,
  runPart,
  verdict,
  drainVerified,
  sameWorkGet,
} from './lib/streaming.mjs';

const here = fileURLToPath(import.meta.url);
const dist = builtDist('packages/openstack', 'swift/driver.js', 'simulator/index.js');

const { SIZE_MB, BIG_MB, ROUNDS, PARTS, KEYS, PAGE, LIST_TARGET, TPUT_TARGET, RSS_TARGET_MB } = streamingSettings('SWIFT');
const CONTAINER = 'bench';
const LIST_CONTAINER = 'bench-list';
const GET_KEY = 'stream/get.bin';

await runPart({ server, client, main });

/** Child: the simulator, seeded with the listing objects and the object to GET; deletes objects on request. */
async function server() {
  const { OpenStackSimulator, DEFAULT_SIMULATOR_USERS, swiftStore } = await import(path.join(dist, 'simulator/index.js'));
  // The simulator logs every request (no bodies); the bench makes tens of thousands, so keep the log short.
  const sim = await OpenStackSimulator.start({ requestLogLimit: 100 });
  const seed = DEFAULT_SIMULATOR_USERS[0];
  const store = swiftStore(sim.world);
  const account = store.account(`AUTH_${sim.projectId(seed.projects[0])}`);
  const container = (name) => {
    const c = { meta: {}, objects: new Map(), timestamp: store.timestamp() };
    account.containers.set(name, c);
    return c;
  };
  const object = (data) => ({
    data,
    contentType: 'application/octet-stream',
    meta: {},
    etag: createHash('md5').update(data).digest('hex'),
    timestamp: store.timestamp(),
    slo: undefined,
    size: data.length,
  });
  const bench = container(CONTAINER);
  const list = container(LIST_CONTAINER);
  for (let i = 0; i < KEYS; i++) list.objects.set(`logs/2026/${String(i).padStart(6, '0')}.json`, object(Buffer.from(`{"n":${i}}`)));
  const block = randomBytes(MB);
  bench.objects.set(GET_KEY, object(Buffer.concat(Array.from({ length: SIZE_MB }, () => block))));
  process.on('message', (m) => {
    // The driver stores SLO segments in `<container>_segments`.
    const segments = account.containers.get(`${CONTAINER}_segments`);
    if (m.op === 'delete') {
      bench.objects.delete(m.key);
      segments?.objects.clear();
    }
    globalThis.gc?.();
    process.send({ op: m.op, rssMb: process.memoryUsage.rss() / MB, objects: bench.objects.size, segments: segments?.objects.size ?? 0 });
  });
  process.send({
    op: 'ready',
    authUrl: `${sim.url}/auth/v1.0`,
    user: `${seed.projects[0]}:${seed.name}`,
    key: seed.password,
  });
}

/** Child: one side of one case; prints `{ seconds, peakMb }` (or the listing comparison) as JSON. */
async function client({ authUrl, user, key: password, file, op, side }) {
  // The simulator's URL and credentials come from the server process: a client does not load simulator code.
  const { OpenStackSwiftStorageDriver } = await import(path.join(dist, 'swift/driver.js'));
  const { default: got } = await import('got');
  // The driver's defaults (segment size and concurrency, SLO threshold), except the listing page size.
  const driver = new OpenStackSwiftStorageDriver(user, password, { authUrl, pageSize: PAGE, timeoutMs: 600_000 });
  const agent = new http.Agent({ keepAlive: true });
  const raw = got.extend({ agent: { http: agent }, retry: { limit: 0 }, followRedirect: false, timeout: { request: 600_000 } });
  // The bare client's tempauth login: one token for the whole process.
  const login = async () => {
    const res = await raw.get(authUrl, { headers: { 'x-auth-user': user, 'x-auth-key': password } });
    const storage = res.headers['x-storage-url'];
    const token = res.headers['x-auth-token'];
    if (typeof storage !== 'string' || typeof token !== 'string') throw new Error(`tempauth answered ${res.statusCode} without a token`);
    return { storage, headers: { 'x-auth-token': token } };
  };

  if (op === 'list') {
    const { compareSides } = await import('./lib/compare.mjs');
    const { storage, headers } = await login();
    const gotList = async () => {
      let n = 0;
      let marker = '';
      for (;;) {
        const url = `${storage}/${LIST_CONTAINER}?format=json&limit=${PAGE}${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`;
        const page = JSON.parse((await raw.get(url, { headers, responseType: 'text' })).body);
        for (const e of page) if (typeof e.name === 'string' && typeof e.bytes === 'number') n++;
        if (page.length < PAGE) break;
        marker = page[page.length - 1].name;
      }
      if (n !== KEYS) throw new Error(`bare got listed ${n}`);
    };
    const driverList = async () => {
      const objects = await driver.listContainerObjects(LIST_CONTAINER);
      if (objects.length !== KEYS) throw new Error(`listContainerObjects returned ${objects.length}`);
    };
    const out = await compareSides({ cloudmux: driverList, got: gotList }, 'got', { rounds: 9, warmup: 2 });
    process.stdout.write(`${JSON.stringify(out)}\n`);
    driver.close();
    agent.destroy();
    return;
  }

  globalThis.gc?.();
  // Before the clock: the login (both sides), and for the driver's GET the object's metadata (getObject, a HEAD).
  const bare = side.startsWith('got') ? await login() : undefined;
  const fetched = op === 'get' && !bare ? await driver.getObject(CONTAINER, { name: GET_KEY }) : undefined;
  if (!bare && !fetched) await driver.exGetStorageUrl();
  const clock = measure();
  const mb = op === 'big' ? BIG_MB : SIZE_MB;
  const key = `stream/put-${side}.bin`;
  let slo;
  if (op === 'get' && side === 'got-md5') {
    // A bare client that verifies what the driver verifies: the ETag (the object's MD5), in line.
    const body = raw.stream(`${bare.storage}/${CONTAINER}/${GET_KEY}`, { headers: bare.headers });
    const bytes = await drainVerified(body, 'md5', (h) => String(h.etag).replace(/"/g, ''));
    if (bytes !== mb * MB) throw new Error(`got read ${bytes}`);
  } else if (op === 'get' && bare) {
    const sink = counter();
    await pipeline(raw.stream(`${bare.storage}/${CONTAINER}/${GET_KEY}`, { headers: bare.headers }), sink);
    if (sink.bytes !== mb * MB) throw new Error(`got read ${sink.bytes}`);
  } else if (op === 'get') {
    const sink = counter();
    await pipeline(await driver.downloadObjectAsStream(fetched, { verifyHash: side !== 'cloudmux-nohash' }), sink);
    if (sink.bytes !== mb * MB) throw new Error(`driver read ${sink.bytes}`);
  } else if (bare) {
    const headers = { ...bare.headers, 'content-length': String(mb * MB), 'content-type': 'application/octet-stream' };
    const res = await raw.put(`${bare.storage}/${CONTAINER}/${key}`, { headers, body: generated(mb) });
    if (res.statusCode !== 201) throw new Error(`got PUT answered ${res.statusCode}`);
  } else {
    const o =
      side === 'cloudmux-known-size'
        ? await driver.uploadObject(CONTAINER, { name: key, filePath: file })
        : await driver.uploadObjectViaStream(CONTAINER, { name: key, source: generated(mb) });
    if (o.size !== mb * MB) throw new Error(`uploaded ${o.size} bytes`);
    slo = o.extra?.staticLargeObject === true;
  }
  const measured = clock.stop();
  driver.close();
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ ...measured, key, slo })}\n`);
}

/** Runs one client child of this bench and returns its JSON answer. */
function runClient(ctx, op, side) {
  return runChild(here, ctx, op, side);
}

async function main() {
  const { resultLine } = await import('./lib/compare.mjs');
  const result = (metric, value, unit, target = null, pass = null) => resultLine('swift', metric, value, unit, target, pass);

  const { srv, next, ask } = startServer(here);
  // Deletes an uploaded object and its segments in the simulator (so its memory stays bounded), and checks it did.
  const removed = async (key) => {
    const after = await ask({ op: 'delete', key });
    if (after.objects !== 1 || after.segments !== 0)
      throw new Error(`simulator still holds ${after.objects} objects, ${after.segments} segments`);
    return after;
  };
  // The known-size PUT reads a temp file (written once, removed at the end).
  const file = path.join(os.tmpdir(), `cloudmux-swift-bench-${process.pid}.bin`);
  try {
    const ready = await next();
    const ctx = { authUrl: ready.authUrl, user: ready.user, key: ready.key, file };
    console.log(
      `swift bench: simulator (own process), tempauth at ${ctx.authUrl}; ${KEYS} objects in pages of ${PAGE}; ${SIZE_MB} MiB streams, ${ROUNDS} rounds; ${BIG_MB} MiB SLO upload; ${mallocNote()}`,
    );

    // a. listing
    if (PARTS.has('list')) {
      const { ms, ratio } = await runClient(ctx, 'list', 'both');
      reportList({ bench: 'swift', count: KEYS, noun: 'objects', target: LIST_TARGET, ms, ratio });
    }

    // b. streamed GET and PUT: each side in a fresh process per round, order rotated between rounds.
    const stream = (op, sides) =>
      rotatedRounds(ROUNDS, sides, (side) => runClient(ctx, op, side), op === 'put' ? (r) => removed(r.key) : undefined);
    // A PUT side's name is followed by how it was stored (the first round's answer).
    const stored = (s, r) => (r[0].slo ? ' [static large object]' : ' [one PUT]');
    const report = (op, runs, sides, { targets, labels } = {}) =>
      reportStream({
        bench: 'swift',
        op,
        sizeMb: SIZE_MB,
        runs,
        sides,
        tputTarget: TPUT_TARGET,
        rssTargetMb: RSS_TARGET_MB,
        targets,
        labels,
        note: op === 'put' ? stored : undefined,
      });
    // Same work: the verified GET against a bare GET verifying the same MD5, the unverified one against a bare GET.
    const getSides = ['cloudmux', 'got', 'got-md5', 'cloudmux-nohash'];
    if (PARTS.has('get')) report('get', await stream('get', getSides), getSides, sameWorkGet('got-md5', 'MD5'));
    const putSides = ['cloudmux', 'got', 'cloudmux-known-size'];
    if (PARTS.has('put')) {
      await pipeline(generated(SIZE_MB), createWriteStream(file));
      report('put', await stream('put', putSides), putSides, { labels: { got: 'one PUT of known length, no checksum' } });
    }

    // c. 1 GiB upload from a stream: a static large object at the default segment size and concurrency.
    if (PARTS.has('big')) {
      const r = await runClient(ctx, 'big', 'cloudmux');
      const after = await removed(r.key);
      const pass = r.peakMb <= RSS_TARGET_MB;
      console.log(
        `SLO upload ${BIG_MB} MiB from a stream (cloudmux${r.slo ? '' : ', stored as one PUT'}): ${(BIG_MB / r.seconds).toFixed(0)} MB/s, client peak RSS ${r.peakMb.toFixed(0)} MB (${r.baseMb.toFixed(0)} MB before the transfer; target <= ${RSS_TARGET_MB} MB) ${verdict(pass)}; simulator RSS after delete ${after.rssMb.toFixed(0)} MB`,
      );
      result(`slo-${BIG_MB}MiB.cloudmux`, BIG_MB / r.seconds, 'MB/s');
      result(`slo-${BIG_MB}MiB.cloudmux.peak-rss`, r.peakMb, 'MB', `<= ${RSS_TARGET_MB} MB`, pass);
    }
  } finally {
    srv.kill();
    rmSync(file, { force: true });
  }
}
