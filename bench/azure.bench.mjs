// Azure Blob driver cost against a bare got client in the same run, both talking to the Azure Blob
// simulator (built packages/azure/dist; build first: npx tsc -b packages/azure). The simulator runs in its
// own child process, and every streaming measurement runs in a fresh client child process, so the client's
// time and peak RSS (sampled every 10 ms and VmHWM of /proc/self/status) are its own.
// Targets (issue #12):
//  a. list 10,000 blobs (List Blobs, pages of 1,000 with NextMarker): AzureBlobsStorageDriver.listContainerObjects
//     <= 1.2x a bare got client doing the same SharedKey-signed requests (the package's sharedKeyAuthorization)
//     and minimal XML parsing.
//  b. 256 MiB streamed GET (downloadObjectAsStream -> drain, MD5 verified: Azure keeps no whole-blob CRC; the
//     getObject HEAD before it is not timed) and PUT (uploadObjectViaStream from a generated
//     stream: staged blocks above the single-put threshold) at >= 0.9x the throughput of a bare got client
//     doing the same work (DESIGN.md): one streamed Get Blob verifying the same MD5 (`got-md5`), one streamed
//     Put Blob of the same bytes with its length known and no checksum (`got`, doing less than the driver);
//     the unverified GET (`cloudmux-nohash`) against a bare Get Blob (`got`); client peak RSS <= 150 MB. Also: the same PUT below the
//     threshold (one Put Blob: the driver collects the stream up to the threshold, so its RSS is about the
//     object size: reported, no target).
//  c. 1 GiB staged-block upload from a stream, client peak RSS <= 150 MB.
// The simulator keeps blobs in memory (in its own process); each uploaded blob is deleted right after.
// Env: CLOUDMUX_BENCH_AZURE_MB (streamed object size, default 256), CLOUDMUX_BENCH_AZURE_BIG_MB (default 1024),
//      CLOUDMUX_BENCH_ROUNDS (streaming rounds, default 5), CLOUDMUX_BENCH_MALLOC (see lib/child-env.mjs),
//      CLOUDMUX_BENCH_AZURE_PARTS (which of list,get,put,big to run; default all).
// Same work: the verified GET's target is against `got-md5`, the bare client checking the blob's Content-MD5 in line;
// `cloudmux-nohash` (verifyHash: false) is held to the target against the bare GET that verifies nothing.
// The harness shared with the other storage benches (child processes, rotated rounds, RSS sampling, report and
// RESULT lines, env settings) is bench/lib/streaming.mjs; this file keeps the seeding and each side's transfer.
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
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
const dist = builtDist('packages/azure', 'blob/driver.js');

const { SIZE_MB, BIG_MB, ROUNDS, PARTS, KEYS, PAGE, LIST_TARGET, TPUT_TARGET, RSS_TARGET_MB } = streamingSettings('AZURE');
const BUCKET = 'bench';
const LIST_BUCKET = 'bench-list';
const GET_KEY = 'stream/get.bin';

await runPart({ server, client, main });

/** Child: the simulator, seeded with the listing blobs and the blob to GET; deletes blobs on request. */
async function server() {
  const { AzureBlobSimulator } = await import(path.join(dist, 'simulator/index.js'));
  const sim = await AzureBlobSimulator.start();
  const container = (name) => {
    const c = { name, etag: '"0x8DBENCH"', lastModified: new Date(), blobs: new Map(), blocks: new Map() };
    sim.state.containers.set(name, c);
    return c;
  };
  const blob = (data) => ({
    data,
    contentType: 'application/octet-stream',
    contentMd5: createHash('md5').update(data).digest('base64'),
    meta: new Map(),
    etag: `"0x8D${randomBytes(7).toString('hex').toUpperCase()}"`,
    lastModified: new Date(),
    created: new Date(),
    copy: undefined,
  });
  const bench = container(BUCKET);
  const list = container(LIST_BUCKET);
  for (let i = 0; i < KEYS; i++) list.blobs.set(`logs/2026/${String(i).padStart(6, '0')}.json`, blob(Buffer.from(`{"n":${i}}`)));
  const block = randomBytes(MB);
  bench.blobs.set(GET_KEY, blob(Buffer.concat(Array.from({ length: SIZE_MB }, () => block))));
  setInterval(() => sim.server.clearRequests(), 1000).unref();
  process.on('message', (m) => {
    if (m.op === 'delete') {
      bench.blobs.delete(m.key);
      bench.blocks.clear();
    }
    globalThis.gc?.();
    process.send({ op: m.op, rssMb: process.memoryUsage.rss() / MB, objects: bench.blobs.size });
  });
  process.send({ op: 'ready', endpoint: sim.endpoint, account: sim.account, key: sim.key });
}

/** Child: one side of one case; prints `{ seconds, peakMb }` (or the listing comparison) as JSON. */
async function client({ endpoint, account, key: accountKey, op, side }) {
  const { AzureBlobsStorageDriver, sharedKeyAuthorization, AZURE_BLOB_VERSION } = await import(path.join(dist, 'index.js'));
  const { default: got } = await import('got');
  const driverOptions = { endpoint, pageSize: PAGE, timeoutMs: 600_000 };
  if (side === 'cloudmux-single') driverOptions.singlePutThreshold = Math.min(256, SIZE_MB) * MB;
  const driver = new AzureBlobsStorageDriver(account, accountKey, driverOptions);
  const agent = new http.Agent({ keepAlive: true });
  const raw = got.extend({ agent: { http: agent }, retry: { limit: 0 }, followRedirect: false, timeout: { request: 600_000 } });
  const signed = (method, url, extra = {}) => {
    const headers = { 'x-ms-version': AZURE_BLOB_VERSION, 'x-ms-date': new Date().toUTCString(), ...extra };
    headers.authorization = sharedKeyAuthorization({ method, url: new URL(url), headers, account }, accountKey);
    return headers;
  };

  if (op === 'list') {
    const { compareSides } = await import('./lib/compare.mjs');
    const gotList = async () => {
      let n = 0;
      let marker;
      for (;;) {
        const url = `${endpoint}/${LIST_BUCKET}?restype=container&comp=list&include=metadata&maxresults=${PAGE}${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`;
        const res = await raw.get(url, { headers: signed('GET', url), responseType: 'text' });
        const body = res.body;
        for (const m of body.matchAll(/<Blob>.*?<Name>([^<]*)<\/Name>.*?<Content-Length>(\d+)<\/Content-Length>.*?<\/Blob>/gs))
          if (m[1] && m[2]) n++;
        marker = /<NextMarker>([^<]+)<\/NextMarker>/.exec(body)?.[1];
        if (!marker) break;
      }
      if (n !== KEYS) throw new Error(`bare got listed ${n}`);
    };
    const driverList = async () => {
      const objects = await driver.listContainerObjects(LIST_BUCKET);
      if (objects.length !== KEYS) throw new Error(`listContainerObjects returned ${objects.length}`);
    };
    const out = await compareSides({ cloudmux: driverList, got: gotList }, 'got', { rounds: 9, warmup: 2 });
    process.stdout.write(`${JSON.stringify(out)}\n`);
    agent.destroy();
    return;
  }

  globalThis.gc?.();
  // The GET is timed on its own: the blob's properties (getObject, a HEAD) are read before the clock
  // starts, as in the S3 bench.
  const fetched = op === 'get' && !side.startsWith('got') ? await driver.getObject(BUCKET, { name: GET_KEY }) : undefined;
  const clock = measure();
  const mb = op === 'big' ? BIG_MB : SIZE_MB;
  const key = `stream/put-${side}.bin`;
  if (op === 'get' && side === 'got') {
    const url = `${endpoint}/${BUCKET}/${GET_KEY}`;
    const sink = counter();
    await pipeline(raw.stream(url, { headers: signed('GET', url) }), sink);
    if (sink.bytes !== mb * MB) throw new Error(`got read ${sink.bytes}`);
  } else if (op === 'get' && side === 'got-md5') {
    // A bare client that verifies what the driver verifies: the blob's stored Content-MD5, in line.
    const url = `${endpoint}/${BUCKET}/${GET_KEY}`;
    const body = raw.stream(url, { headers: signed('GET', url) });
    const bytes = await drainVerified(body, 'md5', (h) => Buffer.from(String(h['content-md5']), 'base64').toString('hex'));
    if (bytes !== mb * MB) throw new Error(`got read ${bytes}`);
  } else if (op === 'get') {
    const object = fetched ?? (await driver.getObject(BUCKET, { name: GET_KEY }));
    const sink = counter();
    await pipeline(await driver.downloadObjectAsStream(object, { verifyHash: side !== 'cloudmux-nohash' }), sink);
    if (sink.bytes !== mb * MB) throw new Error(`driver read ${sink.bytes}`);
  } else if (op === 'put' && side === 'got') {
    const url = `${endpoint}/${BUCKET}/${key}`;
    const headers = signed('PUT', url, { 'content-length': String(mb * MB), 'x-ms-blob-type': 'BlockBlob' });
    const res = await raw.put(url, { headers, body: generated(mb) });
    if (res.statusCode !== 201) throw new Error(`got PUT answered ${res.statusCode}`);
  } else {
    const o = await driver.uploadObjectViaStream(BUCKET, { name: key, source: generated(mb) });
    if (o.size !== mb * MB) throw new Error(`uploaded ${o.size} bytes`);
  }
  const measured = clock.stop();
  driver.close();
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ ...measured, key })}\n`);
}

/** Runs one client child of this bench and returns its JSON answer. */
function runClient(ctx, op, side) {
  return runChild(here, ctx, op, side);
}

async function main() {
  const { resultLine } = await import('./lib/compare.mjs');
  const result = (metric, value, unit, target = null, pass = null) => resultLine('azure', metric, value, unit, target, pass);

  const { srv, next, ask } = startServer(here);
  try {
    const ready = await next();
    const ctx = { endpoint: ready.endpoint, account: ready.account, key: ready.key };
    console.log(
      `azure bench: simulator (own process) at ${ctx.endpoint}; ${KEYS} keys in pages of ${PAGE}; ${SIZE_MB} MiB streams, ${ROUNDS} rounds; ${BIG_MB} MiB staged-block upload; ${mallocNote()}`,
    );

    // a. listing
    if (PARTS.has('list')) {
      const { ms, ratio } = await runClient(ctx, 'list', 'both');
      reportList({ bench: 'azure', count: KEYS, noun: 'keys', target: LIST_TARGET, ms, ratio });
    }

    // b. streamed GET and PUT: each side in a fresh process per round, order rotated between rounds.
    const stream = (op, sides) =>
      rotatedRounds(ROUNDS, sides, (side) => runClient(ctx, op, side), op === 'put' ? (r) => ask({ op: 'delete', key: r.key }) : undefined);
    const report = (op, runs, sides, { targets, labels } = {}) =>
      reportStream({
        bench: 'azure',
        op,
        sizeMb: SIZE_MB,
        runs,
        sides,
        tputTarget: TPUT_TARGET,
        rssTargetMb: RSS_TARGET_MB,
        targets,
        labels,
      });
    // Same work: the verified GET against a bare GET verifying the same MD5, the unverified one against a bare GET.
    const getSides = ['cloudmux', 'got', 'got-md5', 'cloudmux-nohash'];
    if (PARTS.has('get')) report('get', await stream('get', getSides), getSides, sameWorkGet('got-md5', 'MD5'));
    const putSides = ['cloudmux', 'got', 'cloudmux-single'];
    if (PARTS.has('put'))
      report('put', await stream('put', putSides), putSides, { labels: { got: 'one Put Blob of known length, no checksum' } });

    // c. 1 GiB staged-block upload
    if (PARTS.has('big')) {
      const r = await runClient(ctx, 'big', 'cloudmux');
      const after = await ask({ op: 'delete', key: r.key });
      const pass = r.peakMb <= RSS_TARGET_MB;
      console.log(
        `staged-block upload ${BIG_MB} MiB: ${(BIG_MB / r.seconds).toFixed(0)} MB/s, client peak RSS ${r.peakMb.toFixed(0)} MB (${r.baseMb.toFixed(0)} MB before the transfer; target <= ${RSS_TARGET_MB} MB) ${verdict(pass)}; simulator RSS after delete ${after.rssMb.toFixed(0)} MB`,
      );
      result(`blocks-${BIG_MB}MiB.cloudmux`, BIG_MB / r.seconds, 'MB/s');
      result(`blocks-${BIG_MB}MiB.peak-rss`, r.peakMb, 'MB', `<= ${RSS_TARGET_MB} MB`, pass);
    }
  } finally {
    srv.kill();
  }
}
