// BIND import at scale: a 10,000-record zone file (A, AAAA, MX, TXT with escapes, multi-line SOA)
// parsed by core's parseBindZone, and imported by PowerDnsDriver.importZoneFromBindFormat (parse,
// build rrsets, one POST /zones) into the PowerDNS simulator — against a raw client in the same
// run: got POSTing the same rrsets built by hand (no parsing). With PDNS_API_KEY/PDNS_API_URL set
// the same comparison also runs against that real PowerDNS. Report only (no targets).
// Env: CLOUDMUX_BENCH_BIND_RECORDS (default 10000).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { compareSides, median, resultLine } from './lib/compare.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const need = ['packages/core/dist/dns/index.js', 'packages/powerdns/dist/index.js', 'packages/powerdns/dist/simulator/index.js'];
for (const f of need) {
  if (!existsSync(path.join(root, f))) {
    console.log(`${f} is missing: run npm run build first`);
    process.exit(1);
  }
}
const { parseBindZone } = await import(path.join(root, need[0]));
const { PowerDnsDriver } = await import(path.join(root, need[1]));
const { PowerDnsSimulator } = await import(path.join(root, need[2]));
const { default: got } = await import('got');

const N = Number(process.env.CLOUDMUX_BENCH_BIND_RECORDS ?? 10_000);
const BENCH = 'bind-import';

function zoneText(origin) {
  const lines = [
    `$ORIGIN ${origin}.`,
    '$TTL 3600',
    '@ IN SOA ns1 hostmaster ( 2024010101 ; serial',
    '  7200 3600 1209600 3600 )',
    '  IN NS ns1',
    'ns1 IN A 192.0.2.53',
  ];
  for (let i = 0; lines.length < N + 3; i++) {
    const host = `h${i}`;
    switch (i % 4) {
      case 0:
        lines.push(`${host} 300 IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
        break;
      case 1:
        lines.push(`${host} IN AAAA 2001:db8::${i.toString(16)}`);
        break;
      case 2:
        lines.push(`${host} IN MX 10 mail${i}`);
        break;
      default:
        lines.push(`${host} IN TXT "v=spf1 \\"quoted\\" \\195\\169 ${i}" ; comment`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The POST body a hand-written client would send for the same zone (rrsets built without parsing). */
function rawBody(origin) {
  const z = `${origin}.`;
  const rr = (name, type, content, ttl = 3600) => ({ name, type, ttl, records: [{ content, disabled: false }] });
  const rrsets = [
    rr(z, 'SOA', `ns1.${z} hostmaster.${z} 2024010101 7200 3600 1209600 3600`),
    rr(z, 'NS', `ns1.${z}`),
    rr(`ns1.${z}`, 'A', '192.0.2.53'),
  ];
  for (let i = 0; rrsets.length < N; i++) {
    const host = `h${i}.${z}`;
    if (i % 4 === 0) rrsets.push(rr(host, 'A', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 300));
    else if (i % 4 === 1) rrsets.push(rr(host, 'AAAA', `2001:db8::${i.toString(16)}`));
    else if (i % 4 === 2) rrsets.push(rr(host, 'MX', `10 mail${i}.${z}`));
    else rrsets.push(rr(host, 'TXT', `"v=spf1 \\"quoted\\" \\195\\169 ${i}"`));
  }
  return { name: z, kind: 'Native', nameservers: [], rrsets };
}

// 1. Parsing alone.
const sample = zoneText('parse.bench');
const parseTimes = [];
for (let i = 0; i < 3; i++) parseBindZone(sample); // warm-up (JIT)
for (let i = 0; i < 7; i++) {
  const t0 = performance.now();
  const parsed = parseBindZone(sample);
  parseTimes.push(performance.now() - t0);
  if (parsed.records.length !== N) throw new Error(`parsed ${parsed.records.length} records, expected ${N}`);
}
const parseMs = median(parseTimes);
console.log(`parseBindZone: ${N} records in ${parseMs.toFixed(1)} ms (${Math.round((N / parseMs) * 1000)} records/s)`);
resultLine(BENCH, `parseBindZone ${N} records`, parseMs, 'ms');

// 2. Import vs a raw client, against a server.
async function compareOn(label, url, key) {
  const driver = new PowerDnsDriver(key, undefined, { url, retry: false, timeoutMs: 120_000 });
  const client = got.extend({ prefixUrl: url, headers: { 'x-api-key': key }, retry: { limit: 0 }, timeout: { request: 120_000 } });
  let seq = 0;
  const made = [];
  const sides = {
    raw: async () => {
      const origin = `raw${seq++}.bench.test`;
      await client.post('servers/localhost/zones', { json: rawBody(origin) }).json();
      made.push(`${origin}.`);
    },
    cloudmux: async () => {
      const origin = `cmx${seq++}.bench.test`;
      const { records } = await driver.importZoneFromBindFormat(zoneText(origin));
      made.push(`${origin}.`);
      if (records.length < N) throw new Error(`imported ${records.length} records`);
    },
  };
  try {
    const r = await compareSides(sides, 'raw', { rounds: 5, warmup: 1 });
    console.log(`${label}: raw ${r.ms.raw.toFixed(0)} ms, cloudmux ${r.ms.cloudmux.toFixed(0)} ms (${r.ratio.cloudmux.toFixed(2)}x)`);
    resultLine(BENCH, `${label}: import ${N} records (cloudmux)`, r.ms.cloudmux, 'ms');
    resultLine(BENCH, `${label}: import ${N} records (raw got POST)`, r.ms.raw, 'ms');
    resultLine(BENCH, `${label}: cloudmux / raw`, r.ratio.cloudmux, 'ratio');
  } finally {
    for (const id of made) await client.delete(`servers/localhost/zones/${id}`).catch(() => undefined);
    driver.close();
  }
}

const sim = await PowerDnsSimulator.start();
try {
  await compareOn('simulator', sim.url, sim.apiKey);
} finally {
  await sim.close();
}
if (process.env.PDNS_API_KEY && process.env.PDNS_API_URL)
  await compareOn('real PowerDNS', process.env.PDNS_API_URL, process.env.PDNS_API_KEY);
