// Module hooks (registered by register-record-loads.mjs) that append every URL the ESM loader
// resolves to the file named by CLOUDMUX_LOAD_LOG. Used to prove that importing the registry
// loads no provider code.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.CLOUDMUX_LOAD_LOG) appendFileSync(process.env.CLOUDMUX_LOAD_LOG, `${result.url}\n`);
  return result;
}
