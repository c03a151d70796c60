// Part of the release check (scripts/release-check.mjs): copied into the scratch project outside
// the monorepo and run there with `node smoke.mjs <package names…>`, after the packed tarballs were
// installed. It uses only what a user has: the installed packages.
//   1. every `exports` subpath of every installed cloudmux package is `import`ed (ESM) and
//      `require`d (CommonJS, via smoke.cjs), resolves inside this project's node_modules, and both
//      give the same module instance; a jest-only package (peer @jest/globals, i.e. test-kit) is
//      imported in a child process with @jest/globals stubbed (jest-stub-*.mjs);
//   2. `getDriver(Provider.JOYENT)` / `getDriver(Provider.EC2)` from `cloudmux`, each against its
//      simulator from the installed package's `/simulator` subpath, runs real calls.
// Prints one line per check; exits 1 if any failed.
import { generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = realpathSync(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const cjs = require('./smoke.cjs');
const names = process.argv.slice(2);
let failures = 0;

function ok(text) {
  console.log(`  ok   ${text}`);
}
function fail(text, err) {
  failures += 1;
  console.log(`  FAIL ${text}${err ? `: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` : ''}`);
}
function check(cond, text, detail) {
  if (cond) ok(text);
  else fail(text, detail);
}

/** Entry points of an installed package: `name` + every `exports` subpath except JSON files. */
function entryPoints(name) {
  const pkg = JSON.parse(readFileSync(path.join(here, 'node_modules', name, 'package.json'), 'utf8'));
  const exp = pkg.exports ?? { '.': pkg.main };
  const keys = typeof exp === 'string' || !Object.keys(exp).some((k) => k.startsWith('.')) ? ['.'] : Object.keys(exp);
  return {
    pkg,
    specifiers: keys.filter((k) => !k.endsWith('.json') && !k.includes('*')).map((k) => (k === '.' ? name : `${name}${k.slice(1)}`)),
  };
}

/** A package whose modules only run inside jest (it imports `@jest/globals`, which throws elsewhere). */
const jestOnly = (pkg) => Boolean(pkg.peerDependencies?.['@jest/globals']);

// ---- 1. every entry point, import and require --------------------------------------------------
const esm = {};
const plan = names.map((name) => ({ name, ...entryPoints(name) }));
// Loading a jest-only module fails on purpose, and a module that failed under require() must not
// be imported again in the same process: those are checked in child processes.
const required = cjs.requireAll(plan.filter((p) => !jestOnly(p.pkg)).flatMap((p) => p.specifiers));

/**
 * Imports `specifier` in a fresh node process where `@jest/globals` resolves to an inert stub (the
 * real one works only inside jest's environment); returns stderr, or '' when it loaded.
 */
function importWithJestStub(specifier) {
  const code = `const ns = await import(${JSON.stringify(specifier)}); if (Object.keys(ns).length === 0) throw new Error('no exports');`;
  const r = spawnSync(process.execPath, ['--import', './jest-stub-register.mjs', '--input-type=module', '-e', code], {
    cwd: here,
    encoding: 'utf8',
  });
  return r.status === 0 ? '' : r.stderr || `exit ${r.status}`;
}
for (const { pkg, specifiers } of plan) {
  for (const specifier of specifiers) {
    let file;
    try {
      file = realpathSync(fileURLToPath(import.meta.resolve(specifier)));
    } catch (err) {
      fail(`${specifier}: resolve`, err);
      continue;
    }
    if (!file.startsWith(path.join(here, 'node_modules') + path.sep)) {
      fail(`${specifier} resolved outside the scratch project: ${file}`);
      continue;
    }
    if (jestOnly(pkg)) {
      // Its peer @jest/globals only works inside jest; with that one module stubbed, everything
      // else it loads comes from the installed tarballs. (jest loads it as ESM, so no require.)
      const stderr = importWithJestStub(specifier);
      check(stderr === '', `${specifier}: import (with @jest/globals stubbed: it runs under jest)`, stderr);
      continue;
    }
    let ns;
    try {
      ns = await import(specifier);
    } catch (err) {
      fail(`${specifier}: import`, err);
      continue;
    }
    esm[specifier] = ns;
    const names = Object.keys(ns);
    if (names.length === 0) {
      fail(`${specifier}: import gave a module with no exports`);
      continue;
    }
    const r = required[specifier];
    if (r instanceof Error) {
      fail(`${specifier}: require`, r);
      continue;
    }
    // require(esm) returns the namespace of the very same module instance the import loaded.
    const same = names.every((k) => r[k] === ns[k]);
    check(
      same,
      `${specifier}: import + require (${names.length} exports, same instances)`,
      'require() returned different objects than import',
    );
  }
}

// ---- 2. real calls through getDriver against the installed simulators --------------------------
const cloudmux = esm.cloudmux;
const core = esm['@cloudmux/core/ssh'];
if (!cloudmux || !core) {
  fail('cloudmux and @cloudmux/core/ssh must import for the driver checks');
} else {
  const { getDriver, Provider } = cloudmux;

  // Joyent: HTTP Signature with an Ed25519 key; listSizes fills prices from the pricing data that
  // @cloudmux/core's tarball ships (nothing outside this project can supply it).
  const { CloudApiSimulator } = esm['@cloudmux/joyent/simulator'] ?? {};
  if (!CloudApiSimulator) fail('@cloudmux/joyent/simulator exports CloudApiSimulator');
  else {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const sim = await CloudApiSimulator.start({
      accounts: [{ login: 'smoke', keys: [{ name: 'smoke', key: core.toOpenSshPublicKey(publicKey, 'smoke@release-check') }] }],
    });
    try {
      const Joyent = getDriver(Provider.JOYENT);
      check(Joyent === esm['@cloudmux/joyent']?.JoyentNodeDriver, 'getDriver(Provider.JOYENT) is @cloudmux/joyent JoyentNodeDriver');
      const driver = new Joyent('smoke', undefined, {
        url: sim.url,
        privateKey: String(privateKey.export({ type: 'pkcs8', format: 'pem' })),
        useAgent: false,
      });
      const sizes = await driver.listSizes();
      const priced = sizes.filter((s) => typeof s.price === 'number');
      check(
        sizes.length > 0 && priced.length > 0,
        `Joyent listSizes on the simulator: ${sizes.length} packages, ${priced.length} with a price`,
        'expected packages with prices from the bundled pricing data',
      );
      const nodes = await driver.listNodes();
      check(Array.isArray(nodes), `Joyent listNodes on the simulator: ${nodes.length} machines`);
    } catch (err) {
      fail('Joyent driver against the simulator', err);
    } finally {
      await sim.close();
    }
  }

  // EC2: SigV4 and the XML reader.
  const aws = esm['@cloudmux/aws/simulator'];
  if (!aws?.Ec2Simulator) fail('@cloudmux/aws/simulator exports Ec2Simulator');
  else {
    const sim = await aws.Ec2Simulator.start({ pendingDelayMs: 10 });
    try {
      const EC2 = getDriver(Provider.EC2);
      check(EC2 === esm['@cloudmux/aws']?.Ec2NodeDriver, 'getDriver(Provider.EC2) is @cloudmux/aws Ec2NodeDriver');
      const { accessKeyId, secretAccessKey } = aws.DEFAULT_CREDENTIALS;
      const driver = new EC2(accessKeyId, secretAccessKey, { endpoint: sim.url });
      const sizes = await driver.listSizes();
      check(sizes.length > 0, `EC2 listSizes on the simulator: ${sizes.length} instance types`);
      const nodes = await driver.listNodes();
      check(Array.isArray(nodes), `EC2 listNodes on the simulator: ${nodes.length} instances`);
    } catch (err) {
      fail('EC2 driver against the simulator', err);
    } finally {
      await sim.close();
    }
  }
}

console.log(failures === 0 ? 'smoke: all checks passed' : `smoke: ${failures} check(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;
