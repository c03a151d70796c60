// Part of the release check (scripts/release-check.mjs), copied into the scratch project and loaded
// there: a real CommonJS module that `require()`s every installed cloudmux entry point through
// Node's require(esm). Loaded from smoke.mjs, which compares what it got with the ESM imports.
'use strict';

/** `require()`s each specifier; returns `{ [specifier]: namespace | Error }`. */
function requireAll(specifiers) {
  const out = {};
  for (const specifier of specifiers) {
    try {
      // The point of this file: CommonJS require() of the ESM packages (Node's require(esm)).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      out[specifier] = require(specifier);
    } catch (err) {
      out[specifier] = err instanceof Error ? err : new Error(String(err));
    }
  }
  return out;
}

module.exports = { requireAll, resolve: (specifier) => require.resolve(specifier) };
