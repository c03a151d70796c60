// S3 driver cost against a bare got client in the same run, both talking to the S3 simulator (built
// packages/aws/dist; build first: npx tsc -b packages/aws). The simulator runs in its own child
// process, and every streaming measurement runs in a fresh client child process, so the client's
// time and peak RSS (sampled every 10 ms and VmHWM of /proc/self/status) are its own.
// Targets (issue #12):
//  a. list 10,000 keys (ListObjectsV2, pages of 1,000): S3StorageDriver.listContainerObjects <= 1.2x a bare
//     got client doing the same SigV4-signed requests (the package's signRequestV4) and minimal XML parsing.
//  b. 256 MiB streamed GET (downloadObjectAsStream -> drain, verified against the object's CRC-32; the
//     getObject HEAD before it is not timed, except on the `cloudmux-with-head` side) and PUT
//     (uploadObjectViaStream from a generated stream, multipart above the threshold, CRC-32 per part and
//     for the whole object) at >= 0.9x the throughput of a bare got client doing the same work (DESIGN.md):
//     for the GET, one streamed GET verifying the same CRC-32 (`got-crc32`); for the PUT, one streamed
//     PUT of the same bytes with its length known, UNSIGNED-PAYLOAD, no checksum (`got`, doing less than
//     the driver); the unverified GET (`cloudmux-nohash`) against a bare GET (`got`); client peak RSS <= 150 MB. The driver runs with Amazon S3's
//     defaults (checksumAlgorithm crc32); `-md5` sides show the MD5 mode of S3-compatible services
//     (information: MD5 runs at about 720 MB/s on this CPU, slower than the loopback transfer itself).
//     Also: the same PUT below the multipart
//     threshold (one PutObject: the driver collects the stream up to the threshold, so its RSS is about
//     the object size: reported, no target), with `unsignedPayload`, and a bare got multipart upload with
//     the driver's part size and parts in flight (information: the protocol's own cost and memory).
//  c. 1 GiB multipart upload from a stream, client peak RSS <= 150 MB (and, as information, with 4 parts in flight).
// The simulator keeps objects in memory (in its own process); each uploaded object is deleted right after.
// Env: CLOUDMUX_BENCH_S3_MB (streamed object size, default 256), CLOUDMUX_BENCH_S3_BIG_MB (default 1024),
//      CLOUDMUX_BENCH_ROUNDS (streaming rounds, default 5), CLOUDMUX_BENCH_MALLOC (see lib/child-env.mjs),
//      CLOUDMUX_BENCH_S3_PARTS (which of list,get,put,big to run; default all).
// Same work: the verified GET's target is against `got-crc32`, the bare client checking the stored full-object CRC-32
// in line; `cloudmux-nohash` (verifyHash: false) is held to the target against the bare GET that verifies nothing.
// The harness shared with the other storage benches (child processes, rotated rounds, RSS sampling, report and
// RESULT lines, env settings) is bench/lib/streaming.mjs; this file keeps the seeding and each side's transfer.
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
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
  reportVersus,
  drainVerified,
  sameWorkGet,
} from './lib/streaming.mjs';

const here = fileURLToPath(import.meta.url);
const dist = builtDist('packages/aws', 's3/driver.js');

const { SIZE_MB, BIG_MB, ROUNDS, PARTS, KEYS, PAGE, LIST_TARGET, TPUT_TARGET, RSS_TARGET_MB } = streamingSettings('S3');
const BUCKET = 'bench';
const LIST_BUCKET = 'bench-list';
const GET_KEY = 'stream/get.bin';

await runPart({ server, client, main });

/** Child: the simulator, seeded with the listing keys and the object to GET; deletes objects on request. */
async function server() {
  const { S3Simulator, DEFAULT_S3_CREDENTIALS } = await import(path.join(dist, 'simulator/index.js'));
  const sim = await S3Simulator.start({ maxKeys: PAGE });
  sim.createBucket(BUCKET);
  sim.createBucket(LIST_BUCKET);
  const crc = (data) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(crc32(data) >>> 0);
    return b.toString('base64');
  };
  // As Amazon S3 stores an object uploaded with a CRC-32: its MD5 ETag and its full-object CRC-32.
  const object = (data, withCrc = false) => ({
    data,
    etag: `"${createHash('md5').update(data).digest('hex')}"`,
    contentType: 'application/octet-stream',
    meta: {},
    lastModified: new Date(),
    storageClass: 'STANDARD',
    sse: undefined,
    checksum: withCrc ? { algorithm: 'CRC32', value: crc(data), type: 'FULL_OBJECT' } : undefined,
  });
  const list = sim.state.buckets.get(LIST_BUCKET);
  for (let i = 0; i < KEYS; i++) list.objects.set(`logs/2026/${String(i).padStart(6, '0')}.json`, object(Buffer.from(`{"n":${i}}`)));
  const block = randomBytes(MB);
  sim.state.buckets.get(BUCKET).objects.set(GET_KEY, object(Buffer.concat(Array.from({ length: SIZE_MB }, () => block)), true));
  // The simulator logs every call; the bench makes tens of thousands, so keep the log short.
  setInterval(() => (sim.calls.length = 0), 1000).unref();
  process.on('message', (m) => {
    const b = sim.state.buckets.get(BUCKET);
    if (m.op === 'delete') {
      b.objects.delete(m.key);
      b.uploads.clear();
    }
    globalThis.gc?.();
    process.send({ op: m.op, rssMb: process.memoryUsage.rss() / MB, objects: b.objects.size });
  });
  process.send({ op: 'ready', endpoint: sim.endpoint, region: sim.region, creds: DEFAULT_S3_CREDENTIALS });
}

/** Child: one side of one case; prints `{ seconds, peakMb }` (or the listing comparison) as JSON. */
async function client({ endpoint, region, creds, op, side }) {
  const { S3StorageDriver } = await import(path.join(dist, 's3/index.js'));
  // The simulator's credentials come from the server process: a client does not load simulator code.
  const { signRequestV4 } = await import(path.join(dist, 'signing/sigv4.js'));
  const { default: got } = await import('got');
  // Amazon S3's defaults (CRC-32 checksums; a custom endpoint alone would mean MD5), except the `-md5` sides.
  const driverOptions = { endpoint, region, retry: false, timeoutMs: 600_000, checksumAlgorithm: side.endsWith('-md5') ? 'md5' : 'crc32' };
  if (side === 'cloudmux-single') driverOptions.multipartThreshold = (SIZE_MB + 1) * MB;
  if (side === 'cloudmux-unsigned') driverOptions.unsignedPayload = true;
  if (side === 'cloudmux-4-in-flight') driverOptions.partsInFlight = 4;
  const driver = new S3StorageDriver(creds.accessKeyId, creds.secretAccessKey, driverOptions);
  const agent = new http.Agent({ keepAlive: true });
  const raw = got.extend({ agent: { http: agent }, retry: { limit: 0 }, followRedirect: false, timeout: { request: 600_000 } });
  const signed = (method, url, headers = {}) => {
    const req = { method, url: new URL(url), headers: { ...headers }, body: undefined };
    signRequestV4(req, creds, { region, service: 's3' });
    return req.headers;
  };

  if (op === 'list') {
    const { compareSides } = await import('./lib/compare.mjs');
    const gotList = async () => {
      let n = 0;
      let token;
      for (;;) {
        const url = `${endpoint}/${LIST_BUCKET}?list-type=2&max-keys=${PAGE}${token ? `&continuation-token=${encodeURIComponent(token)}` : ''}`;
        const res = await raw.get(url, { headers: signed('GET', url), responseType: 'text' });
        const body = res.body;
        for (const m of body.matchAll(/<Contents>.*?<Key>([^<]*)<\/Key>.*?<Size>(\d+)<\/Size>.*?<\/Contents>/gs)) if (m[1] && m[2]) n++;
        token = /<IsTruncated>true<\/IsTruncated>/.test(body) ? /<NextContinuationToken>([^<]*)</.exec(body)?.[1] : undefined;
        if (!token) break;
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
  // The GET is timed on its own: the object's metadata (getObject, a HEAD) is read before the clock
  // starts, except on the `cloudmux-with-head` side (information: a fresh process's first request).
  const headFirst = op === 'get' && !side.startsWith('got') && side !== 'cloudmux-with-head';
  const fetched = headFirst ? await driver.getObject(BUCKET, { name: GET_KEY }) : undefined;
  const clock = measure();
  const mb = op === 'big' ? BIG_MB : SIZE_MB;
  const key = `stream/put-${side}.bin`;
  if (op === 'get' && side === 'got') {
    const url = `${endpoint}/${BUCKET}/${GET_KEY}`;
    const sink = counter();
    await pipeline(raw.stream(url, { headers: signed('GET', url) }), sink);
    if (sink.bytes !== mb * MB) throw new Error(`got read ${sink.bytes}`);
  } else if (op === 'get' && side === 'got-crc32') {
    // A bare client that verifies what the driver verifies: the stored full-object CRC-32, in line.
    const url = `${endpoint}/${BUCKET}/${GET_KEY}`;
    const body = raw.stream(url, { headers: signed('GET', url, { 'x-amz-checksum-mode': 'ENABLED' }) });
    const bytes = await drainVerified(body, 'crc32', (h) => Buffer.from(String(h['x-amz-checksum-crc32']), 'base64').toString('hex'));
    if (bytes !== mb * MB) throw new Error(`got read ${bytes}`);
  } else if (op === 'get') {
    const object = fetched ?? (await driver.getObject(BUCKET, { name: GET_KEY }));
    const sink = counter();
    await pipeline(await driver.downloadObjectAsStream(object, { verifyHash: side !== 'cloudmux-nohash' }), sink);
    if (sink.bytes !== mb * MB) throw new Error(`driver read ${sink.bytes}`);
  } else if (op === 'put' && side === 'got') {
    const url = `${endpoint}/${BUCKET}/${key}`;
    const headers = signed('PUT', url, { 'content-length': String(mb * MB), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const res = await raw.put(url, { headers, body: generated(mb) });
    if (res.statusCode !== 200) throw new Error(`got PUT answered ${res.statusCode}`);
  } else if (op === 'put' && side === 'got-multipart') {
    await gotMultipart(raw, signed, `${endpoint}/${BUCKET}/${key}`, generated(mb));
  } else {
    const o = await driver.uploadObjectViaStream(BUCKET, { name: key, source: generated(mb) });
    if (o.size !== mb * MB) throw new Error(`uploaded ${o.size} bytes`);
  }
  const measured = clock.stop();
  await driver.close?.();
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ ...measured, key })}\n`);
}

/**
 * A bare multipart upload with got (information: the protocol's own cost next to one streamed PUT):
 * 5 MiB parts, 2 in flight (the driver's defaults), `UNSIGNED-PAYLOAD`, no checksums, then Complete.
 */
async function gotMultipart(raw, signed, url, source) {
  const PART = 5 * MB;
  const create = `${url}?uploads=`;
  const created = await raw.post(create, { headers: signed('POST', create, { 'content-length': '0' }), responseType: 'text' });
  const uploadId = /<UploadId>([^<]+)</.exec(created.body)?.[1];
  if (!uploadId) throw new Error(`CreateMultipartUpload answered ${created.statusCode}`);
  const etags = [];
  const inFlight = new Set();
  const put = async (n, data) => {
    const partUrl = `${url}?partNumber=${n}&uploadId=${encodeURIComponent(uploadId)}`;
    const headers = signed('PUT', partUrl, { 'content-length': String(data.length), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    const res = await raw.put(partUrl, { headers, body: data });
    etags[n - 1] = res.headers.etag;
  };
  let chunks = [];
  let size = 0;
  let n = 0;
  const launch = async () => {
    const data = Buffer.concat(chunks, size);
    chunks = [];
    size = 0;
    while (inFlight.size >= 2) await Promise.race(inFlight);
    const p = put(++n, data).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  for await (const chunk of source) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= PART) await launch();
  }
  if (size > 0) await launch();
  await Promise.all(inFlight);
  const xml = `<CompleteMultipartUpload>${etags.map((e, i) => `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
  const complete = `${url}?uploadId=${encodeURIComponent(uploadId)}`;
  const headers = signed('POST', complete, { 'content-type': 'application/xml', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
  const done = await raw.post(complete, { headers, body: xml });
  if (done.statusCode !== 200 || done.body.includes('<Error>')) throw new Error(`CompleteMultipartUpload answered ${done.statusCode}`);
}

/** Runs one client child of this bench and returns its JSON answer. */
function runClient(ctx, op, side) {
  return runChild(here, ctx, op, side);
}

async function main() {
  const { resultLine } = await import('./lib/compare.mjs');
  const result = (metric, value, unit, target = null, pass = null) => resultLine('s3', metric, value, unit, target, pass);

  const { srv, next, ask } = startServer(here);
  try {
    const ready = await next();
    const ctx = { endpoint: ready.endpoint, region: ready.region, creds: ready.creds };
    console.log(
      `s3 bench: simulator (own process) at ${ctx.endpoint}; ${KEYS} keys in pages of ${PAGE}; ${SIZE_MB} MiB streams, ${ROUNDS} rounds; ${BIG_MB} MiB multipart; ${mallocNote()}`,
    );

    // a. listing
    if (PARTS.has('list')) {
      const { ms, ratio } = await runClient(ctx, 'list', 'both');
      reportList({ bench: 's3', count: KEYS, noun: 'keys', target: LIST_TARGET, ms, ratio });
    }

    // b. streamed GET and PUT: each side in a fresh process per round, order rotated between rounds.
    const stream = (op, sides) =>
      rotatedRounds(ROUNDS, sides, (side) => runClient(ctx, op, side), op === 'put' ? (r) => ask({ op: 'delete', key: r.key }) : undefined);
    const report = (op, runs, sides, { targets, labels } = {}) =>
      reportStream({ bench: 's3', op, sizeMb: SIZE_MB, runs, sides, tputTarget: TPUT_TARGET, rssTargetMb: RSS_TARGET_MB, targets, labels });
    // Same work: the verified GET against a bare GET verifying the same CRC-32, the unverified one against a bare GET.
    const getSides = ['cloudmux', 'got', 'got-crc32', 'cloudmux-nohash', 'cloudmux-md5', 'cloudmux-with-head'];
    if (PARTS.has('get')) report('get', await stream('get', getSides), getSides, sameWorkGet('got-crc32', 'CRC-32'));
    const putSides = ['cloudmux', 'got', 'got-multipart', 'cloudmux-unsigned', 'cloudmux-md5', 'cloudmux-single'];
    if (PARTS.has('put')) {
      const runs = await stream('put', putSides);
      report('put', runs, putSides, {
        labels: { got: 'one PUT of known length, unsigned, no checksum', 'got-multipart': 'multipart, unsigned, no checksums' },
      });
      reportVersus({ bench: 's3', op: 'put', sizeMb: SIZE_MB, runs, side: 'got-multipart', label: 'the bare got multipart upload' });
    }

    // c. 1 GiB multipart upload (default options: 5 MiB parts, 2 in flight), and with 4 parts in flight (information)
    for (const side of PARTS.has('big') ? ['cloudmux', 'cloudmux-4-in-flight'] : []) {
      const r = await runClient(ctx, 'big', side);
      const after = await ask({ op: 'delete', key: r.key });
      const targeted = side === 'cloudmux';
      const pass = r.peakMb <= RSS_TARGET_MB;
      console.log(
        `multipart upload ${BIG_MB} MiB (${side}): ${(BIG_MB / r.seconds).toFixed(0)} MB/s, client peak RSS ${r.peakMb.toFixed(0)} MB (${r.baseMb.toFixed(0)} MB before the transfer` +
          (targeted ? `; target <= ${RSS_TARGET_MB} MB) ${verdict(pass)}` : ')') +
          `; simulator RSS after delete ${after.rssMb.toFixed(0)} MB`,
      );
      result(`multipart-${BIG_MB}MiB.${side}`, BIG_MB / r.seconds, 'MB/s');
      result(`multipart-${BIG_MB}MiB.${side}.peak-rss`, r.peakMb, 'MB', targeted ? `<= ${RSS_TARGET_MB} MB` : null, targeted ? pass : null);
    }
  } finally {
    srv.kill();
  }
}
