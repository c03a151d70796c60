// Joyent driver cost against baselines in the same run, on a local server serving CloudAPI-shaped
// answers (it verifies nothing, so the client's cost is what differs). Build first: npx tsc -b packages/joyent
// Targets (docs/performance.md, "Transport and per-request cost"):
//  1. getNode, 1,000 sequential calls: cloudmux per-request cost <= 1.10x a bare got client doing the same
//     signing (RSA-SHA256 HTTP Signature over "(request-target) date", the same key) and JSON.parse.
//  2. getNode, 4,000 calls with 200 in flight: same target.
//  3. listNodes over 10,000 machines (10 pages of 1,000): <= 1.3x raw undici `request` + the same
//     signing + JSON.parse of the same pages; plus bytes allocated and retained per machine.
// Raw undici figures for 1-2 (and the got figure for 3) are printed for information: got is the one
// transport (DESIGN.md section 1), so the per-request target is relative to got.
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';
import got from 'got';
import { Agent, request } from 'undici';
import { JoyentNodeDriver } from '@cloudmux/joyent';
import { compareSides, pool, resultLine, retainedBytes, sampledAllocation } from './lib/compare.mjs';

const MACHINES = 10_000;
const PAGE = 1000;
const GETS = 1000;
const PARALLEL_GETS = 4000;
const IN_FLIGHT = 200;
const LIST_TARGET = 1.3;
const GOT_TARGET = 1.1;
const ACCOUNT = 'bench';

function machine(i) {
  const hex = i.toString(16).padStart(12, '0');
  return {
    id: `b6979942-7d5d-4fe6-a2ec-${hex}`,
    name: `machine-${i}`,
    type: 'smartmachine',
    brand: 'joyent',
    state: i % 7 === 0 ? 'stopped' : 'running',
    image: '2b683a82-a066-11e3-97ab-2faa44701c5a',
    ips: [`192.0.${(i >> 8) & 255}.${i & 255}`, `10.88.${(i >> 8) & 255}.${i & 255}`],
    memory: 1024,
    disk: 25600,
    metadata: { root_authorized_keys: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl bench' },
    tags: { role: i % 2 ? 'web' : 'db', group: `g${i % 10}` },
    created: '2024-01-02T03:04:05.000Z',
    updated: '2024-01-02T03:05:05.000Z',
    networks: ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002'],
    primaryIp: `192.0.${(i >> 8) & 255}.${i & 255}`,
    firewall_enabled: false,
    deletion_protection: false,
    compute_node: '44454c4c-5000-104d-8037-b7c04f5a5131',
    package: 'g4-highcpu-1G',
  };
}

const all = Array.from({ length: MACHINES }, (_, i) => machine(i));
const pages = [];
for (let off = 0; off <= MACHINES; off += PAGE) pages.push(Buffer.from(JSON.stringify(all.slice(off, off + PAGE))));
const one = Buffer.from(JSON.stringify(all[42]));
const baseHeaders = { 'content-type': 'application/json', 'api-version': '9.0.0', 'request-id': 'bench', server: 'cloudapi/9.20.0' };

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === `/${ACCOUNT}/machines`) {
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const body = pages[Math.floor(offset / PAGE)] ?? Buffer.from('[]');
    const count = Math.max(0, Math.min(PAGE, MACHINES - offset));
    res.writeHead(200, { ...baseHeaders, 'content-length': body.length, 'x-query-limit': String(PAGE), 'x-resource-count': String(count) });
    res.end(body);
  } else if (url.pathname.startsWith(`/${ACCOUNT}/machines/`)) {
    res.writeHead(200, { ...baseHeaders, 'content-length': one.length });
    res.end(one);
  } else {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"code":"ResourceNotFound","message":"nope"}');
  }
});
// Idle keep-alive sockets wait while the other sides of a case run: a server closing them after its
// default 5 s races the client reusing one (ECONNRESET), which no side retries here.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 121_000;
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const keyObject = createPrivateKey(privateKey);
const keyId = `/${ACCOUNT}/keys/00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff`;
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });

function signedHeaders(method, pathWithQuery) {
  const date = new Date().toUTCString();
  const sig = sign('sha256', Buffer.from(`(request-target): ${method.toLowerCase()} ${pathWithQuery}\ndate: ${date}`), keyObject).toString(
    'base64',
  );
  return {
    date,
    accept: 'application/json',
    'accept-version': '~9||~8||~7',
    authorization: `Signature keyId="${keyId}",algorithm="rsa-sha256",headers="(request-target) date",signature="${sig}"`,
  };
}

async function rawGet(pathWithQuery) {
  const res = await request(base + pathWithQuery, { method: 'GET', headers: signedHeaders('GET', pathWithQuery), dispatcher });
  const body = JSON.parse(await res.body.text());
  return { headers: res.headers, body };
}

const gotAgent = new http.Agent({ keepAlive: true });
const gotClient = got.extend({
  agent: { http: gotAgent },
  retry: { limit: 0 },
  throwHttpErrors: false,
  followRedirect: false,
  responseType: 'buffer',
});
async function gotGet(pathWithQuery) {
  const res = await gotClient(base + pathWithQuery, {
    method: 'GET',
    headers: signedHeaders('GET', pathWithQuery),
    timeout: { request: 30_000 },
  });
  return { headers: res.headers, body: JSON.parse(res.body.toString('utf8')) };
}

function lister(get) {
  return async () => {
    const out = [];
    for (let offset = 0; ; offset += PAGE) {
      const { headers, body } = await get(`/${ACCOUNT}/machines?limit=${PAGE}&offset=${offset}`);
      for (const m of body) out.push(m);
      if (body.length < Number(headers['x-query-limit'] ?? PAGE)) return out;
    }
  };
}
function getter(get) {
  return async () => {
    for (let i = 0; i < GETS; i++) await get(`/${ACCOUNT}/machines/${all[i].id}`);
  };
}
function parallelGetter(get) {
  return () => pool(PARALLEL_GETS, IN_FLIGHT, (i) => get(`/${ACCOUNT}/machines/${all[i % MACHINES].id}`));
}
const rawList = lister(rawGet);
const gotList = lister(gotGet);

const driver = new JoyentNodeDriver(ACCOUNT, undefined, { url: base, privateKey, useAgent: false, sshDir: false, retry: false });
async function driverList() {
  const nodes = await driver.listNodes();
  if (nodes.length !== MACHINES || nodes[MACHINES - 1].publicIps.length !== 1)
    throw new Error(`listNodes returned ${nodes.length} machines`);
  return nodes;
}
async function driverGets() {
  for (let i = 0; i < GETS; i++) await driver.getNode(all[i].id);
}
function driverParallelGets() {
  return pool(PARALLEL_GETS, IN_FLIGHT, (i) => driver.getNode(all[i % MACHINES].id));
}

const result = (metric, value, unit, target = null, pass = null) => resultLine('joyent', metric, value, unit, target, pass);
const verdict = (pass) => (pass ? 'PASS' : 'MISS');

/** A per-request case: cloudmux against bare got (the target), raw undici for information. */
async function perRequest(name, label, calls, sides, rounds, warmup) {
  const { ms, ratio } = await compareSides(sides, 'got', { rounds, warmup });
  const per = (side) => (ms[side] * 1000) / calls;
  const pass = ratio.cloudmux <= GOT_TARGET;
  console.log(
    `${label}: cloudmux ${per('cloudmux').toFixed(1)} us/req, bare got ${per('got').toFixed(1)} us/req -> ${ratio.cloudmux.toFixed(2)}x bare got ` +
      `(target <= ${GOT_TARGET}x) ${verdict(pass)}; for information: raw undici ${per('raw').toFixed(1)} us/req (cloudmux ${(ratio.cloudmux / ratio.raw).toFixed(2)}x raw, bare got ${(1 / ratio.raw).toFixed(2)}x raw)`,
  );
  result(`${name}.cloudmux`, per('cloudmux'), 'us/req');
  result(`${name}.got`, per('got'), 'us/req');
  result(`${name}.raw-undici (info)`, per('raw'), 'us/req');
  result(`${name}.vs-raw-undici (info)`, ratio.cloudmux / ratio.raw, 'ratio');
  result(`${name}.vs-got`, ratio.cloudmux, 'ratio', `<= ${GOT_TARGET}`, pass);
}

async function listCase() {
  const { ms, ratio } = await compareSides({ cloudmux: driverList, raw: rawList, got: gotList }, 'raw', { rounds: 21, warmup: 5 });
  const pass = ratio.cloudmux <= LIST_TARGET;
  console.log(
    `listNodes over ${MACHINES} machines: cloudmux ${ms.cloudmux.toFixed(1)} ms, raw undici ${ms.raw.toFixed(1)} ms -> ${ratio.cloudmux.toFixed(2)}x raw ` +
      `(target <= ${LIST_TARGET}x) ${verdict(pass)}; for information: bare got ${ms.got.toFixed(1)} ms (${ratio.got.toFixed(2)}x raw; cloudmux ${(ratio.cloudmux / ratio.got).toFixed(2)}x got)`,
  );
  result('listNodes-10000.cloudmux', ms.cloudmux, 'ms');
  result('listNodes-10000.raw-undici', ms.raw, 'ms');
  result('listNodes-10000.got (info)', ms.got, 'ms');
  result('listNodes-10000.vs-got (info)', ratio.cloudmux / ratio.got, 'ratio');
  result('listNodes-10000.vs-raw', ratio.cloudmux, 'ratio', `<= ${LIST_TARGET}`, pass);

  // Memory: what one listNodes allocates and keeps per machine, against the raw JSON objects.
  const alloc = { cloudmux: await sampledAllocation(driverList), raw: await sampledAllocation(rawList) };
  const kept = { cloudmux: await retainedBytes(driverList), raw: await retainedBytes(rawList) };
  const perMachine = (bytes) => bytes / MACHINES;
  console.log(
    `listNodes memory per machine: allocated ${perMachine(alloc.cloudmux).toFixed(0)} B (raw ${perMachine(alloc.raw).toFixed(0)} B, +${perMachine(alloc.cloudmux - alloc.raw).toFixed(0)} B); ` +
      `retained ${perMachine(kept.cloudmux).toFixed(0)} B (raw JSON objects ${perMachine(kept.raw).toFixed(0)} B, +${perMachine(kept.cloudmux - kept.raw).toFixed(0)} B)`,
  );
  result('listNodes-10000.allocated-over-raw', perMachine(alloc.cloudmux - alloc.raw), 'B/machine');
  result('listNodes-10000.retained-over-raw', perMachine(kept.cloudmux - kept.raw), 'B/machine');
}

const only = process.env.JOYENT_BENCH_ONLY; // "list", "get" or "parallel": one case (for profiling)
try {
  console.log(
    `joyent bench: ${MACHINES} machines in pages of ${PAGE}; getNode ${GETS} sequential and ${PARALLEL_GETS} with ${IN_FLIGHT} in flight; RSA-2048 signing on every side`,
  );
  // listNodes first, on a fresh heap: it is the GC-sensitive case (see docs/performance.md), and the
  // 200-in-flight case leaves a larger old generation behind that would be charged to whichever side runs next.
  if (!only || only === 'list') await listCase();
  if (!only || only === 'get') {
    await perRequest(
      'getNode-sequential',
      `getNode, ${GETS} sequential`,
      GETS,
      { cloudmux: driverGets, got: getter(gotGet), raw: getter(rawGet) },
      11,
      1,
    );
  }
  if (!only || only === 'parallel') {
    await perRequest(
      `getNode-${IN_FLIGHT}-in-flight`,
      `getNode, ${PARALLEL_GETS} with ${IN_FLIGHT} in flight`,
      PARALLEL_GETS,
      { cloudmux: driverParallelGets, got: parallelGetter(gotGet), raw: parallelGetter(rawGet) },
      7,
      1,
    );
  }
} finally {
  driver.close();
  gotAgent.destroy();
  await dispatcher.close();
  server.close();
}
