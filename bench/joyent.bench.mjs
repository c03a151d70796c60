// Joyent driver overhead against a raw baseline, on a local server serving CloudAPI-shaped
// pages (it verifies nothing). Build first: npx tsc -b packages/joyent
//  1. listNodes over 10,000 machines (10 pages of 1,000) vs undici `request` + JSON.parse of
//     the same pages, each request signed the same way (RSA-SHA256 over "(request-target) date").
//  2. 1,000 sequential getNode calls vs undici + JSON.parse + the same node:crypto signing.
// Prints RESULT lines; targets: ratio <= 1.3. For information it also times a "got floor": the
// same requests, signing and JSON.parse through a bare got instance set up like the core
// Connection (keep-alive agent, no retry, buffer body), so the transport's share of the
// driver's time is visible apart from cloudmux's own work (paging, mapping to nodes).
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import got from 'got';
import { Agent, request } from 'undici';
import { JoyentNodeDriver } from '@cloudmux/joyent';

const MACHINES = 10_000;
const PAGE = 1000;
const GETS = 1000;
const TARGET = 1.3;
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
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const keyObject = createPrivateKey(privateKey);
const keyId = `/${ACCOUNT}/keys/00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff`;
const dispatcher = new Agent({ keepAliveTimeout: 30_000 });

function signedHeaders(method, pathWithQuery) {
  const date = new Date().toUTCString();
  const sig = sign('sha256', Buffer.from(`(request-target): ${method.toLowerCase()} ${pathWithQuery}\ndate: ${date}`), keyObject).toString('base64');
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
const gotClient = got.extend({ agent: { http: gotAgent }, retry: { limit: 0 }, throwHttpErrors: false, followRedirect: false, responseType: 'buffer' });
async function gotGet(pathWithQuery) {
  const res = await gotClient(base + pathWithQuery, { method: 'GET', headers: signedHeaders('GET', pathWithQuery), timeout: { request: 30_000 } });
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
const rawList = lister(rawGet);
const rawGets = getter(rawGet);
const gotList = lister(gotGet);
const gotGets = getter(gotGet);

const driver = new JoyentNodeDriver(ACCOUNT, undefined, { url: base, privateKey, useAgent: false, sshDir: false, retry: false });
async function driverList() {
  const nodes = await driver.listNodes();
  if (nodes.length !== MACHINES) throw new Error(`listNodes returned ${nodes.length} machines`);
  return nodes;
}
async function driverGets() {
  for (let i = 0; i < GETS; i++) await driver.getNode(all[i].id);
}

async function time(fn) {
  globalThis.gc?.();
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function result(metric, value, unit, target = null, pass = null) {
  console.log(`RESULT ${JSON.stringify({ bench: 'joyent', metric, value: Number(value.toFixed(3)), unit, target, pass })}`);
}

async function compare(name, driverFn, rawFn, floorFn, rounds, warmup) {
  const fns = [driverFn, rawFn, floorFn];
  for (let i = 0; i < warmup; i++) for (const fn of fns) await fn();
  const times = [[], [], []];
  for (let i = 0; i < rounds; i++) {
    // Rotate the order so no side always runs first (or right after another one) in a round.
    for (let k = 0; k < fns.length; k++) {
      const j = (i + k) % fns.length;
      times[j].push(await time(fns[j]));
    }
  }
  const [dm, rm, fm] = times.map(median);
  const ratio = dm / rm;
  console.log(`${name}: driver ${dm.toFixed(1)} ms, raw ${rm.toFixed(1)} ms, ratio ${ratio.toFixed(2)} (median of ${rounds}); got floor ${fm.toFixed(1)} ms (${(fm / rm).toFixed(2)}x raw)`);
  result(`${name}.driver`, dm, 'ms');
  result(`${name}.raw`, rm, 'ms');
  result(`${name}.got-floor`, fm, 'ms');
  result(`${name}.got-floor-ratio`, fm / rm, 'ratio');
  result(`${name}.ratio`, ratio, 'ratio', `<= ${TARGET}`, ratio <= TARGET);
}

try {
  console.log(`joyent bench: ${MACHINES} machines in pages of ${PAGE}; ${GETS} sequential getNode; RSA-2048 signing on both sides`);
  await compare('listNodes-10000', driverList, rawList, gotList, 21, 5);
  await compare('getNode-1000-sequential', driverGets, rawGets, gotGets, 7, 1);
} finally {
  driver.close();
  gotAgent.destroy();
  await dispatcher.close();
  server.close();
}
