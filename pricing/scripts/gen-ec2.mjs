#!/usr/bin/env node
// Generates the EC2 price data file (pricing/compute/ec2.json) and the EC2 size catalog of @cloudmux/aws
// (packages/aws/src/ec2/instance-types.data.ts) from ec2-instance-types.json (figures from the Apache
// Libcloud data files; see pricing/scripts/data/README.md). Plain Node, no dependencies; the output depends on
// the input only (no clock, no locale), so running it twice gives identical bytes.
//
// Usage: node pricing/scripts/gen-ec2.mjs [input.json] [--check]
//   input.json  default: pricing/scripts/data/ec2-instance-types.json (the vendored source data)
//   --check     write nothing; exit 1 and name the stale files when the committed output differs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const unknownFlags = args.filter((a) => a.startsWith('--') && a !== '--check');
const positional = args.filter((a) => !a.startsWith('--'));
if (unknownFlags.length > 0 || positional.length > 1) {
  console.error('usage: node pricing/scripts/gen-ec2.mjs [input.json] [--check]');
  process.exit(2);
}
const input = positional[0] !== undefined ? resolve(positional[0]) : resolve(root, 'pricing', 'scripts', 'data', 'ec2-instance-types.json');
const PRICES_FILE = join(root, 'pricing', 'compute', 'ec2.json');
const CATALOG_FILE = join(root, 'packages', 'aws', 'src', 'ec2', 'instance-types.data.ts');
const SCRIPT = 'pricing/scripts/gen-ec2.mjs';

/** Instance type ids: `family.size` (`t3.micro`, `u-6tb1.56xlarge`). Source keys without a size (`a1`, `m4`) are family rows, not types. */
const TYPE_ID = /^[a-z0-9][a-z0-9-]*\.[a-z0-9-]+$/;
const REGION = /^[a-z]{2}(-[a-z0-9]+)+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(message) {
  console.error(`gen-ec2: ${input}: ${message}`);
  process.exit(1);
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v) => Number.isSafeInteger(v) && v >= 0;
/** Code-point order: independent of the locale the script runs under. */
const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

let data;
try {
  data = JSON.parse(readFileSync(input, 'utf8'));
} catch (err) {
  fail(
    err.code === 'ENOENT'
      ? 'not found (pass the path of ec2-instance-types.json as the first argument)'
      : `not readable JSON (${err.message})`,
  );
}
if (!isObject(data) || !isObject(data.instanceTypes) || !isObject(data.linuxOnDemandUsdPerHour)) {
  fail('expected { instanceTypes, linuxOnDemandUsdPerHour, pricingUpdated, source }');
}
if (typeof data.pricingUpdated !== 'string' || !DATE.test(data.pricingUpdated)) fail('"pricingUpdated" must be a date YYYY-MM-DD');
if (typeof data.source !== 'string' || data.source.trim() === '') fail('"source" must say where the figures come from');

// ---- the size catalog ----
const ARM64 = 1;
const PREVIOUS_GENERATION = 2;
const rows = [];
for (const [id, t] of Object.entries(data.instanceTypes)) {
  if (!TYPE_ID.test(id)) fail(`instance type id "${id}" is not of the form family.size`);
  if (!isObject(t)) fail(`${id} must be an object`);
  for (const key of ['vcpus', 'ramMb', 'diskGb']) if (!isCount(t[key])) fail(`${id}.${key} must be a non-negative integer`);
  if (typeof t.currentGeneration !== 'boolean') fail(`${id}.currentGeneration must be a boolean`);
  if (typeof t.physicalProcessor !== 'string') fail(`${id}.physicalProcessor must be a string`);
  // AWS's only Arm processors are Graviton (the Apple-silicon mac2 types are .metal only and not in the data).
  const flags = (/Graviton/i.test(t.physicalProcessor) ? ARM64 : 0) | (t.currentGeneration ? 0 : PREVIOUS_GENERATION);
  rows.push([id, t.vcpus, t.ramMb, t.diskGb, flags]);
}
if (rows.length === 0) fail('no instance types');
const family = (id) => id.slice(0, id.indexOf('.'));
// By family, then smallest first (vCPUs, memory, instance storage), then id: what `listSizes()` returns.
rows.sort((a, b) => byCodePoint(family(a[0]), family(b[0])) || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || byCodePoint(a[0], b[0]));

// ---- the prices ----
const prices = {};
const dropped = { familyRows: 0, unknown: 0, unpriced: 0 };
for (const id of Object.keys(data.linuxOnDemandUsdPerHour).sort(byCodePoint)) {
  const perRegion = data.linuxOnDemandUsdPerHour[id];
  if (!isObject(perRegion)) fail(`linuxOnDemandUsdPerHour.${id} must be an object of region -> price`);
  if (!TYPE_ID.test(id)) {
    dropped.familyRows += 1;
    continue;
  }
  const known = {};
  for (const region of Object.keys(perRegion).sort(byCodePoint)) {
    const price = perRegion[region];
    if (!REGION.test(region)) fail(`linuxOnDemandUsdPerHour.${id}: "${region}" is not a region id`);
    if (typeof price !== 'number' || !Number.isFinite(price) || price < 0)
      fail(`linuxOnDemandUsdPerHour.${id}.${region} must be a non-negative number`);
    // 0.0 in the source means "no price recorded", not free: leave it out so the lookup says undefined.
    if (price === 0) dropped.unknown += 1;
    else known[region] = price;
  }
  if (Object.keys(known).length > 0) prices[id] = known;
  else dropped.unpriced += 1;
}

// ---- output 1: pricing/compute/ec2.json (one line per size keeps it compact and diffable) ----
const source =
  `${data.source.trim()} On-demand Linux/UNIX, shared tenancy, USD per hour. ` +
  `Generated by ${SCRIPT} from ec2-instance-types.json; do not edit by hand (add your own figures in ~/.cloudmux/pricing.json).`;
const notes =
  'One figure per region, no "default" key: pass the region (the EC2 driver passes its own). A region that does not offer a type, ' +
  'or for which the source recorded 0.0 (meaning no price recorded, not free), has no entry, so the price is undefined. ' +
  'Source keys without a size suffix (a1, m4, ...) are family rows, not instance types, and are left out.';
const head = { provider: 'ec2', api: 'compute', currency: 'USD', unit: 'hour', updated: data.pricingUpdated, source, notes };
let pricesJson = '{\n';
for (const [key, value] of Object.entries(head)) pricesJson += `  ${JSON.stringify(key)}: ${JSON.stringify(value)},\n`;
const priceLines = Object.entries(prices).map(
  ([id, perRegion]) =>
    `    ${JSON.stringify(id)}: { ${Object.entries(perRegion)
      .map(([region, price]) => `${JSON.stringify(region)}: ${JSON.stringify(price)}`)
      .join(', ')} }`,
);
pricesJson += `  "prices": {\n${priceLines.join(',\n')}\n  }\n}\n`;
JSON.parse(pricesJson); // never write a file the loader cannot read

// ---- output 2: the size catalog module of @cloudmux/aws ----
const catalog = `// Generated by ${SCRIPT} from ec2-instance-types.json: do not edit by hand.
// Check it is current: node ${SCRIPT} --check
// ${data.source.trim().replace(/\s+/g, ' ')}

/**
 * One EC2 instance type: \`[id, vCPUs, memory MiB, instance storage GB (0: EBS only), flags]\`, where
 * \`flags\` is a bit set: 1 = arm64 (Graviton), 2 = previous generation.
 */
export type Ec2InstanceTypeRow = readonly [id: string, vcpus: number, ramMb: number, diskGb: number, flags: number];

/** Flag bit of {@link Ec2InstanceTypeRow}: the type runs arm64 (Graviton) code. */
export const EC2_ROW_ARM64 = ${ARM64};
/** Flag bit of {@link Ec2InstanceTypeRow}: a previous-generation type. */
export const EC2_ROW_PREVIOUS_GENERATION = ${PREVIOUS_GENERATION};

/** The ${rows.length} instance types of the data (current and previous generation), by family, then smallest first. */
export const EC2_INSTANCE_TYPE_ROWS: readonly Ec2InstanceTypeRow[] = [
${rows.map(([id, vcpus, ramMb, diskGb, flags]) => `  ['${id}', ${vcpus}, ${ramMb}, ${diskGb}, ${flags}],`).join('\n')}
];
`;

const outputs = [
  [PRICES_FILE, pricesJson],
  [CATALOG_FILE, catalog],
];
if (check) {
  const stale = outputs.filter(([file, text]) => {
    try {
      return readFileSync(file, 'utf8') !== text;
    } catch {
      return true; // missing counts as stale
    }
  });
  if (stale.length > 0) {
    for (const [file] of stale) console.error(`gen-ec2: ${relative(root, file)} is stale: run node ${SCRIPT}`);
    process.exit(1);
  }
  console.log(
    `gen-ec2: ${outputs.map(([file]) => relative(root, file)).join(' and ')} are up to date (${rows.length} types, ${Object.keys(prices).length} priced)`,
  );
} else {
  for (const [file, text] of outputs) writeFileSync(file, text);
  console.log(
    `gen-ec2: wrote ${outputs.map(([file]) => relative(root, file)).join(' and ')}: ${rows.length} instance types, ${Object.keys(prices).length} priced ids ` +
      `(left out: ${dropped.unknown} unknown 0.0 figures, ${dropped.unpriced} ids without any known price, ${dropped.familyRows} family rows)`,
  );
}
