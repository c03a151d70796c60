// OpenStack driver cost against a bare got client in the same run, both talking to the OpenStack simulator
// (Keystone token + Nova). Build first: npx tsc -b packages/openstack
// Targets (issue #11):
//  1. listNodes over 10,000 Nova servers (10 pages of 1,000, `servers_links` next links): cloudmux <= 1.2x a bare
//     got client doing the same requests (same token, same microversion headers) and JSON.parse.
//  2. getNode, 1,000 sequential calls: same target.
// The simulator's own work (token check, serializing servers) is in both sides' time.
import http from 'node:http';
import got from 'got';
import { OpenStackNodeDriver } from '@cloudmux/openstack';
import { OpenStackSimulator } from '@cloudmux/openstack/simulator';
import { compareSides, resultLine } from './lib/compare.mjs';

const SERVERS = 10_000;
const PAGE = 1000;
const GETS = 1000;
const TARGET = 1.2;
const CIRROS = '7e1b8d2a-5c43-4b8f-9c3e-2a1f0e6d9b01';

const sim = await OpenStackSimulator.start({ maxPageSize: PAGE });
const projectId = sim.projectId('demo');
const userId = sim.userId('demo');
const store = sim.world.stores.compute;
const ids = [];
for (let i = 0; i < SERVERS; i++) {
  const s = store.insert({
    name: `server-${i}`,
    projectId,
    userId,
    flavorId: '1',
    imageId: CIRROS,
    metadata: { role: i % 2 ? 'web' : 'db' },
    tags: [`g${i % 10}`],
  });
  ids.push(s.id);
}

const driver = new OpenStackNodeDriver('demo', 'secret', { authUrl: sim.authUrl, projectName: 'demo', retry: false });
await driver.exNegotiateMicroversion();
const microversion = driver.computeMicroversion;

// The bare client: one token from Keystone, then the same Nova requests with the same headers.
const agent = new http.Agent({ keepAlive: true });
const client = got.extend({
  agent: { http: agent },
  retry: { limit: 0 },
  throwHttpErrors: false,
  followRedirect: false,
  responseType: 'buffer',
});
const auth = await client.post(`${sim.authUrl}/v3/auth/tokens`, {
  json: {
    auth: {
      identity: { methods: ['password'], password: { user: { name: 'demo', domain: { name: 'Default' }, password: 'secret' } } },
      scope: { project: { name: 'demo', domain: { name: 'Default' } } },
    },
  },
});
const token = auth.headers['x-subject-token'];
const headers = {
  accept: 'application/json',
  'x-auth-token': token,
  'openstack-api-version': `compute ${microversion}`,
  'x-openstack-nova-api-version': microversion,
};
const nova = `${sim.url}/compute/v2.1`;
async function gotGet(url) {
  const res = await client.get(url, { headers, timeout: { request: 30_000 } });
  if (res.statusCode !== 200) throw new Error(`got ${res.statusCode} for ${url}`);
  return JSON.parse(res.body.toString('utf8'));
}
async function gotList() {
  const out = [];
  let url = `${nova}/servers/detail?limit=${PAGE}`;
  while (url) {
    const body = await gotGet(url);
    for (const s of body.servers) out.push(s);
    url = body.servers.length > 0 ? body.servers_links?.find((l) => l.rel === 'next')?.href : undefined;
  }
  if (out.length !== SERVERS) throw new Error(`bare got listed ${out.length}`);
  return out;
}
async function gotGets() {
  for (let i = 0; i < GETS; i++) await gotGet(`${nova}/servers/${ids[i]}`);
}
async function driverList() {
  const nodes = await driver.listNodes();
  if (nodes.length !== SERVERS) throw new Error(`listNodes returned ${nodes.length}`);
  return nodes;
}
async function driverGets() {
  for (let i = 0; i < GETS; i++) await driver.getNode(ids[i]);
}

const result = (metric, value, unit, target = null, pass = null) => resultLine('openstack', metric, value, unit, target, pass);
const verdict = (pass) => (pass ? 'PASS' : 'MISS');

try {
  console.log(
    `openstack bench: ${SERVERS} Nova servers in pages of ${PAGE} (microversion ${microversion}); getNode ${GETS} sequential; simulator on loopback`,
  );
  {
    const { ms, ratio } = await compareSides({ cloudmux: driverList, got: gotList }, 'got', { rounds: 9, warmup: 2 });
    const pass = ratio.cloudmux <= TARGET;
    console.log(
      `listNodes over ${SERVERS} servers: cloudmux ${ms.cloudmux.toFixed(1)} ms, bare got ${ms.got.toFixed(1)} ms -> ${ratio.cloudmux.toFixed(2)}x (target <= ${TARGET}x) ${verdict(pass)}`,
    );
    result('listNodes-10000.cloudmux', ms.cloudmux, 'ms');
    result('listNodes-10000.got', ms.got, 'ms');
    result('listNodes-10000.vs-got', ratio.cloudmux, 'ratio', `<= ${TARGET}`, pass);
  }
  {
    const { ms, ratio } = await compareSides({ cloudmux: driverGets, got: gotGets }, 'got', { rounds: 7, warmup: 1 });
    const per = (side) => (ms[side] * 1000) / GETS;
    const pass = ratio.cloudmux <= TARGET;
    console.log(
      `getNode, ${GETS} sequential: cloudmux ${per('cloudmux').toFixed(1)} us/req, bare got ${per('got').toFixed(1)} us/req -> ${ratio.cloudmux.toFixed(2)}x (target <= ${TARGET}x) ${verdict(pass)}`,
    );
    result('getNode-sequential.cloudmux', per('cloudmux'), 'us/req');
    result('getNode-sequential.got', per('got'), 'us/req');
    result('getNode-sequential.vs-got', ratio.cloudmux, 'ratio', `<= ${TARGET}`, pass);
  }
} finally {
  await driver.close();
  agent.destroy();
  await sim.stop();
}
