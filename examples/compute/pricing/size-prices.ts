/**
 * Price lookups: `getSizePrice(api, provider, sizeId, region?)` and `getPricing(api, provider)` read
 * the bundled `pricing/<api>/<provider>.json`, with a user override merged on top (the file named by
 * `CLOUDMUX_PRICING_FILE`, else `~/.cloudmux/pricing.json`). Unknown prices are `undefined`, never 0.
 * `listSizes()` fills `size.price` from the same data.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getDriver, getPricing, getSizePrice, Provider } from 'cloudmux';
import { clearPricingCache } from '@cloudmux/core/pricing';

const show = (p: number | undefined): string => (p === undefined ? 'unknown' : `$${p}/hour`);

console.log(`ec2 t3.micro in us-east-1: ${show(getSizePrice('compute', 'ec2', 't3.micro', 'us-east-1'))}`);
console.log(`dummy dummy-xlarge in dummy-eu-1: ${show(getSizePrice('compute', 'dummy', 'dummy-xlarge', 'dummy-eu-1'))}`);
console.log(`dummy dummy-metal (left out of the data): ${show(getSizePrice('compute', 'dummy', 'dummy-metal'))}`);
const dummy = getPricing('compute', 'dummy');
console.log(`dummy prices from ${dummy?.files.join(', ')} (updated ${dummy?.updated}, ${dummy?.currency} per ${dummy?.unit})`);

// An override file: your negotiated prices, or prices for sizes the data does not know.
const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-pricing-'));
const saved = process.env['CLOUDMUX_PRICING_FILE'];
try {
  const file = path.join(dir, 'pricing.json');
  writeFileSync(file, JSON.stringify({ compute: { dummy: { 'dummy-small': 0.004, 'dummy-metal': 1.25 } } }, null, 2));
  process.env['CLOUDMUX_PRICING_FILE'] = file;
  clearPricingCache();
  console.log(`with ${file}:`);
  console.log(`  dummy-small: ${show(getSizePrice('compute', 'dummy', 'dummy-small'))}`);
  console.log(`  dummy-metal: ${show(getSizePrice('compute', 'dummy', 'dummy-metal'))}`);
  const Dummy = getDriver(Provider.DUMMY);
  const sizes = await new Dummy('key').listSizes();
  console.log(`  listSizes(): ${sizes.map((s) => `${s.id} ${show(s.price)}`).join('; ')}`);
} finally {
  if (saved === undefined) delete process.env['CLOUDMUX_PRICING_FILE'];
  else process.env['CLOUDMUX_PRICING_FILE'] = saved;
  clearPricingCache();
  rmSync(dir, { recursive: true, force: true });
}
