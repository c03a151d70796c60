import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, repoRoot, runNode } from './support/run-node.js';

// These tests run the built packages in a child Node process: that is what users run, and
// jest's module system cannot require() ES modules on Node 20.

describe('umbrella registry (built packages, child process)', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(path.join(os.tmpdir(), 'cloudmux-umbrella-'));
    await writeFile(
      path.join(dir, 'x.js'),
      'export class XDriver { static provider = { id: "thirdparty", name: "Third party", api: "x", regions: [] }; static capabilities = []; }\n',
    );
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    // A user's project: its node_modules holds the installed packages.
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('getDriver(Provider.DUMMY) returns the class; unknown ids list the registered ones', async () => {
    const script = `
      import { getDriver, Provider, UnknownProviderError, storage } from 'cloudmux';
      const Dummy = getDriver(Provider.DUMMY);
      const Local = storage.getDriver(storage.Provider.LOCAL);
      let unknown;
      try { getDriver('nope'); } catch (e) { unknown = { ok: e instanceof UnknownProviderError, message: e.message, code: e.code }; }
      console.log(JSON.stringify({ dummy: Dummy.name, id: Dummy.provider.id, local: Local.name, unknown }));
    `;
    const run = await runNode(['--input-type=module', '-e', script], { cwd: repoRoot });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ dummy: 'DummyNodeDriver', id: 'dummy', local: 'LocalStorageDriver' });
    expect(out.unknown.ok).toBe(true);
    expect(out.unknown.code).toBe('ERR_UNKNOWN_PROVIDER');
    expect(out.unknown.message).toContain('"nope"');
    expect(out.unknown.message).toContain('dummy, ec2, eucalyptus, joyent, nimbus');
  });

  it("setDriver('thirdparty', './x.js', 'XDriver') then getDriver('thirdparty') works", async () => {
    const script = `
      import { getDriver, setDriver } from 'cloudmux';
      setDriver('thirdparty', './x.js', 'XDriver');
      const X = getDriver('thirdparty');
      let taken;
      try { setDriver('thirdparty', './x.js', 'XDriver'); } catch (e) { taken = e.code; }
      console.log(JSON.stringify({ name: X.name, id: X.provider.id, taken }));
    `;
    const run = await runNode(['--input-type=module', '-e', script], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ name: 'XDriver', id: 'thirdparty', taken: 'ERR_INVALID_ARGUMENT' });
  });

  it('importing the registry loads no provider module; getDriver loads exactly the one asked for', async () => {
    const log = path.join(dir, 'loads.log');
    await writeFile(log, '');
    const script = `
      import { appendFileSync } from 'node:fs';
      import { createRequire } from 'node:module';
      const cache = createRequire(import.meta.url).cache;
      const providerPattern = /node_modules\\/(sshpk|ssh2|fast-xml-parser|got)\\/|packages\\/(dummy|joyent|aws|deploy)\\//;
      const cjsLoaded = () => Object.keys(cache).filter((k) => providerPattern.test(k));
      const m = await import('cloudmux');
      appendFileSync(process.env.CLOUDMUX_LOAD_LOG, 'MARK after-import ' + JSON.stringify(cjsLoaded()) + '\\n');
      m.getDriver(m.Provider.JOYENT);
      appendFileSync(process.env.CLOUDMUX_LOAD_LOG, 'MARK after-getDriver ' + JSON.stringify(cjsLoaded()) + '\\n');
    `;
    const run = await runNode(
      ['--import', path.join(repoRoot, 'packages/cloudmux/test/support/register-record-loads.mjs'), '--input-type=module', '-e', script],
      {
        cwd: repoRoot,
        env: { CLOUDMUX_LOAD_LOG: log },
      },
    );
    expect(run.stderr).toBe('');
    const lines = (await readFile(log, 'utf8')).split('\n');
    const markIndex = lines.findIndex((l) => l.startsWith('MARK after-import'));
    expect(markIndex).toBeGreaterThan(0);
    const beforeImportDone = lines.slice(0, markIndex);
    const providerCode = /\/packages\/(dummy|joyent|aws|deploy)\/|\/node_modules\/(sshpk|ssh2|fast-xml-parser|got)\//;
    expect(beforeImportDone.filter((l) => providerCode.test(l))).toEqual([]);
    expect(lines[markIndex]).toBe('MARK after-import []');
    const after = lines.find((l) => l.startsWith('MARK after-getDriver')) ?? '';
    expect(after).toContain('packages/joyent/dist');
    expect(after).not.toContain('packages/aws/');
    expect(after).not.toContain('packages/deploy/');
  });

  it('getDriver(DUMMY) does not load the HTTP stack (cold start stays small)', async () => {
    // got is ESM; its CommonJS dependencies show in require.cache once it is loaded.
    const script = `
      import { createRequire } from 'node:module';
      const cache = createRequire(import.meta.url).cache;
      const m = await import('cloudmux');
      new (m.getDriver(m.Provider.DUMMY))('key');
      const http = Object.keys(cache).filter((k) => /node_modules\\/(http2-wrapper|cacheable-lookup|resolve-alpn)\\//.test(k));
      console.log(JSON.stringify(http));
    `;
    const run = await runNode(['--input-type=module', '-e', script], { cwd: repoRoot });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });

  it('deployNode without @cloudmux/deploy installed says which package to install', async () => {
    const script = `
      import { getDriver, Provider } from 'cloudmux';
      const driver = new (getDriver(Provider.DUMMY))('key');
      const [size] = await driver.listSizes();
      const [image] = await driver.listImages();
      try {
        await driver.deployNode({ size, image, deploy: { name: 'noop' } });
        console.log('no error');
      } catch (err) {
        console.log(err.name + ': ' + err.message);
      }
      console.log('nodes: ' + (await driver.listNodes()).length);
    `;
    const run = await runNode(
      ['--import', path.join(repoRoot, 'packages/cloudmux/test/support/hide-deploy.mjs'), '--input-type=module', '-e', script],
      { cwd: repoRoot },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('npm install @cloudmux/deploy');
    // Nothing was created before the package was found missing.
    expect(run.stdout).toContain('nodes: 0');
  });

  it('a built package can be imported from ESM and required from CommonJS', async () => {
    await writeFile(
      path.join(dir, 'use.cjs'),
      `const cloudmux = require('cloudmux');
       const core = require('@cloudmux/core/compute');
       const Dummy = cloudmux.getDriver('dummy');
       const d = new Dummy('key');
       d.listSizes().then((s) => console.log(JSON.stringify({ sizes: s.length > 0, base: d instanceof core.NodeDriver, state: core.NodeState.RUNNING })));\n`,
    );
    await writeFile(
      path.join(dir, 'use.mjs'),
      `import { getDriver, Provider } from 'cloudmux';
       import { NodeDriver, NodeState } from '@cloudmux/core/compute';
       const d = new (getDriver(Provider.DUMMY))('key');
       console.log(JSON.stringify({ sizes: (await d.listSizes()).length > 0, base: d instanceof NodeDriver, state: NodeState.RUNNING }));\n`,
    );
    const expected = { sizes: true, base: true, state: 'running' };
    const cjs = await runNode([path.join(dir, 'use.cjs')], { cwd: dir });
    expect(cjs.stderr).toBe('');
    expect(JSON.parse(cjs.stdout)).toEqual(expected);
    const esm = await runNode([path.join(dir, 'use.mjs')], { cwd: dir });
    expect(esm.stderr).toBe('');
    expect(JSON.parse(esm.stdout)).toEqual(expected);
  });
});
