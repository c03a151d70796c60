import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidArgumentError } from '../errors/cloud-error.js';
import { MalformedResponseError } from '../errors/provider-error.js';
import { redactText, redactUrl } from '../http/redact.js';
import type { DownloadPricingOptions } from './types.js';
import { checkOverrideShape } from './validate.js';
import { overrideFilePath } from './locate.js';
import { clearPricingCache } from './load.js';

/**
 * Downloads a pricing file (the override format: `{ "<api>": { "<provider>": { "<sizeId>": number | { "<region>": number } } } }`),
 * validates it, writes it to a temporary file next to `path` and renames it into place atomically.
 * `path` defaults to the user override file (`CLOUDMUX_PRICING_FILE` or `~/.cloudmux/pricing.json`).
 * Invalid JSON or a wrong shape throws {@link MalformedResponseError} and leaves the old file untouched.
 * Resolves to the path written. Clears the pricing cache.
 */
export async function downloadPricingFile(url: string, path?: string, options: DownloadPricingOptions = {}): Promise<string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(`downloadPricingFile: invalid URL "${redactUrl(url)}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidArgumentError(`downloadPricingFile: URL must be http(s), got "${parsed.protocol}"`);
  }
  const target = resolve(path ?? overrideFilePath());
  // Loaded here, not at module load: importing the pricing lookups must not pull in the HTTP stack.
  const { Connection } = await import('../http/connection.js');
  const connection = new Connection({ provider: 'pricing', baseUrl: parsed.href, timeoutMs: options.timeoutMs, keepAlive: false });
  let raw: Buffer;
  try {
    const res = await connection.request<Buffer>({ method: 'GET', path: '', responseType: 'buffer', signal: options.signal });
    raw = res.body;
  } finally {
    connection.close();
  }
  const text = raw.toString('utf8');
  const where = redactUrl(parsed.href);
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (err) {
    throw new MalformedResponseError(`Pricing file from ${where} is not valid JSON`, redactText(text.slice(0, 512)), {
      provider: 'pricing',
      url: where,
      cause: err,
    });
  }
  const problem = checkOverrideShape(data);
  if (problem)
    throw new MalformedResponseError(`Pricing file from ${where} has the wrong shape: ${problem}`, redactText(text.slice(0, 512)), {
      provider: 'pricing',
      url: where,
    });

  const dir = dirname(target);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, raw, { flag: 'wx', mode: 0o644 });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  clearPricingCache();
  return target;
}
