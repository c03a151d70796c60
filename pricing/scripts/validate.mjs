#!/usr/bin/env node
// Validates the bundled price data files (pricing/<api>/<provider>.json) and, with --override FILE,
// a user override / download file. Exits 1 and lists every problem when something is wrong.
// Usage: node pricing/scripts/validate.mjs [--override ~/.cloudmux/pricing.json]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const APIS = new Set(['compute', 'storage']);
const problems = [];

const isPrice = (v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkPrices(prices, where, emptyAllowed = false) {
  if (!isObject(prices)) return problems.push(`${where}: "prices" must be an object of size id -> price`);
  if (Object.keys(prices).length === 0 && !emptyAllowed)
    problems.push(`${where}: "prices" is empty (a provider without list prices says why in "notes")`);
  for (const [size, price] of Object.entries(prices)) {
    if (isPrice(price)) continue;
    if (!isObject(price) || Object.keys(price).length === 0) {
      problems.push(`${where}: ${size} must be a non-negative number or a non-empty object of region -> number`);
      continue;
    }
    for (const [region, p] of Object.entries(price))
      if (!isPrice(p)) problems.push(`${where}: ${size}.${region} must be a non-negative number`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${file}: not valid JSON (${err.message})`);
    return undefined;
  }
}

let files = 0;
for (const api of readdirSync(root)) {
  const dir = join(root, api);
  if (api === 'scripts' || !statSync(dir).isDirectory()) continue;
  if (!APIS.has(api)) problems.push(`${relative(root, dir)}: unknown api folder (expected one of ${[...APIS].join(', ')})`);
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const file = join(dir, name);
    const where = relative(root, file);
    files += 1;
    const data = readJson(file);
    if (data === undefined) continue;
    if (!isObject(data)) {
      problems.push(`${where}: top level must be an object`);
      continue;
    }
    const provider = basename(name, '.json');
    if (data.provider !== provider) problems.push(`${where}: "provider" must be "${provider}" (the file name)`);
    if (data.api !== api) problems.push(`${where}: "api" must be "${api}" (the folder name)`);
    if (typeof data.currency !== 'string' || !/^[A-Z]{3}$/.test(data.currency))
      problems.push(`${where}: "currency" must be an ISO 4217 code such as "USD"`);
    if (data.unit !== 'hour' && data.unit !== 'month' && data.unit !== 'GB-month')
      problems.push(`${where}: "unit" must be "hour", "month" or "GB-month"`);
    if (typeof data.updated !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.updated) || Number.isNaN(Date.parse(data.updated))) {
      problems.push(`${where}: "updated" must be a date YYYY-MM-DD`);
    }
    if (typeof data.source !== 'string' || data.source.trim() === '')
      problems.push(`${where}: "source" must say where the figures come from`);
    const known = new Set(['provider', 'api', 'currency', 'unit', 'updated', 'source', 'prices', 'notes']);
    for (const key of Object.keys(data)) if (!known.has(key)) problems.push(`${where}: unknown key "${key}"`);
    if (data.notes !== undefined && (typeof data.notes !== 'string' || data.notes.trim() === ''))
      problems.push(`${where}: "notes" must be a non-empty string`);
    checkPrices(data.prices, where, typeof data.notes === 'string' && data.notes.trim() !== '');
  }
}

const overrideIndex = process.argv.indexOf('--override');
if (overrideIndex !== -1) {
  const file = process.argv[overrideIndex + 1];
  if (!file) problems.push('--override needs a file name');
  else {
    const data = readJson(file);
    if (data !== undefined) {
      if (!isObject(data)) problems.push(`${file}: top level must be an object of api -> provider -> size id -> price`);
      else
        for (const [api, providers] of Object.entries(data)) {
          if (!isObject(providers)) problems.push(`${file}: ${api} must be an object of provider -> prices`);
          else for (const [provider, prices] of Object.entries(providers)) checkPrices(prices, `${file}: ${api}.${provider}`);
        }
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`pricing: ${p}`);
  console.error(`pricing: ${problems.length} problem(s) in ${files} data file(s)`);
  process.exit(1);
}
console.log(`pricing: ${files} data file(s) valid`);
