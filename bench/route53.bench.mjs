// Route 53 driver cost against a bare got client in the same run. Build first: npx tsc -b packages/aws
// Lists 10,000 record sets (one A value each; 300 per page, 34 ListResourceRecordSets calls) from the
// Route 53 simulator (@cloudmux/aws/simulator, which verifies every SigV4 signature and renders the XML):
//  - cloudmux: `driver.listRecords(zone)` (pages by NextRecordName/Type, maps every value to a DnsRecord)
//  - got: bare got + the package's signRequestV4 + its XML reader, following the same pages and
//    reading name/type/TTL/values into plain objects.
// Prints RESULT lines; target: cloudmux <= 1.3x the bare got client (the simulator's own work is in both).
import got from 'got';
import { Route53DnsDriver } from '@cloudmux/aws';
import { Route53Simulator } from '@cloudmux/aws/simulator';
import { signRequestV4 } from '../packages/aws/dist/signing/sigv4.js';
import { parseXml } from '../packages/aws/dist/xml/index.js';
import { compareSides, resultLine } from './lib/compare.mjs';

const RECORDS = 10_000;
const TARGET = 1.3;
const CREDS = { accessKeyId: 'AKIABENCHROUTE530001', secretAccessKey: 'bench/route53/secret/00000000000000001' };
const ARRAYS = new Set(['ResourceRecordSet', 'ResourceRecord']);

const sim = await Route53Simulator.start({ credentials: [CREDS], syncDelayMs: 10 });
const driver = new Route53DnsDriver(CREDS.accessKeyId, CREDS.secretAccessKey, { endpoint: sim.url });
const zone = await driver.createZone({ domain: 'bench.example' });
sim.seedRecords(zone.id, RECORDS);

const client = got.extend({ prefixUrl: sim.url, retry: { limit: 0 }, agent: {} });

async function rawList() {
  const out = [];
  let start = {};
  for (;;) {
    const url = new URL(`/2013-04-01/hostedzone/${zone.id}/rrset`, sim.url);
    for (const [k, v] of Object.entries({ name: start.name, type: start.type, identifier: start.identifier, maxitems: 300 }))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers = { host: url.host };
    signRequestV4({ method: 'GET', url, headers, body: undefined }, CREDS, { region: 'us-east-1', service: 'route53' });
    delete headers.host;
    const body = await client.get(url.pathname.slice(1) + url.search, { headers }).text();
    const root = parseXml(body, ARRAYS).ListResourceRecordSetsResponse;
    for (const s of root.ResourceRecordSets?.ResourceRecordSet ?? []) {
      for (const r of s.ResourceRecords?.ResourceRecord ?? []) out.push({ name: s.Name, type: s.Type, ttl: Number(s.TTL), value: r.Value });
    }
    if (root.IsTruncated !== 'true') return out;
    start = { name: root.NextRecordName, type: root.NextRecordType, identifier: root.NextRecordIdentifier || undefined };
  }
}

const expected = RECORDS + 5; // + SOA and 4 NS values
const check = (n, who) => {
  if (n !== expected) throw new Error(`${who} listed ${n} records, expected ${expected}`);
};
check((await driver.listRecords(zone)).length, 'cloudmux');
check((await rawList()).length, 'got');

const { ms, ratio } = await compareSides(
  {
    cloudmux: async () => check((await driver.listRecords(zone)).length, 'cloudmux'),
    got: async () => check((await rawList()).length, 'got'),
  },
  'got',
  { rounds: 9, warmup: 2 },
);
console.log(`listRecords of ${RECORDS} records: cloudmux ${ms.cloudmux.toFixed(1)} ms, bare got ${ms.got.toFixed(1)} ms`);
resultLine('route53', `listRecords ${RECORDS} (cloudmux)`, ms.cloudmux, 'ms');
resultLine('route53', `listRecords ${RECORDS} (bare got)`, ms.got, 'ms');
resultLine('route53', 'listRecords cloudmux / bare got', ratio.cloudmux, 'ratio', `<= ${TARGET}`, ratio.cloudmux <= TARGET);

driver.close();
await sim.close();
