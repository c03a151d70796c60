// The third-party flow as a user runs it: a project with the packages installed registers
// StratusLab at runtime with setDriver (module form, loaded lazily on getDriver, and class form),
// then uses getDriver('stratuslab') like a bundled provider. The umbrella does not pre-register it.
// Runs the built packages in a child Node process (jest's module system cannot require() ES modules).
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { assertBuilt, repoRoot, runNode } from '../support/run-node.js';

describe('setDriver / getDriver with @cloudmux/stratuslab (built packages, child process)', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt('core', 'stratuslab', 'cloudmux');
    dir = await mkdtemp(path.join(os.tmpdir(), 'stratuslab-user-project-'));
    await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('registers by module specifier (lazily) and by class, then creates a node through getDriver', async () => {
    const script = `
      import { getDriver, setDriver } from '@cloudmux/core/compute';
      let before;
      try { getDriver('stratuslab'); } catch (e) { before = e.code; }
      setDriver('stratuslab', '@cloudmux/stratuslab', 'StratusLabNodeDriver');
      setDriver('stratuslab-missing', '@cloudmux/stratuslab-not-installed', 'X', { packageName: '@cloudmux/stratuslab-not-installed' });
      let missing;
      try { getDriver('stratuslab-missing'); } catch (e) { missing = e.message; }
      const { StratusLabSimulator } = await import('@cloudmux/stratuslab/simulator');
      const sim = await StratusLabSimulator.start({ stepMs: 10 });
      const StratusLab = getDriver('stratuslab');
      const driver = new StratusLab(undefined, undefined, { config: '[default]\\nselected_section = lal\\n' + sim.configSection('lal') });
      const [image] = await driver.listImages();
      const node = await driver.createNode({ name: 'registered', size: 'm1.small', image: image.id });
      const [running] = await driver.waitUntilRunning([node], { pollIntervalMs: 100, timeoutMs: 10000 });
      const mod = await import('@cloudmux/stratuslab');
      setDriver('stratuslab-class', mod.StratusLabNodeDriver);
      let taken;
      try { setDriver('stratuslab', mod.StratusLabNodeDriver); } catch (e) { taken = e.code; }
      console.log(JSON.stringify({
        before, missing, taken,
        name: StratusLab.name, provider: StratusLab.provider.id, sameClass: StratusLab === mod.StratusLabNodeDriver,
        classForm: getDriver('stratuslab-class') === mod.StratusLabNodeDriver,
        node: node.id, state: running.node.state, ips: running.ips.length,
      }));
      driver.close();
      await sim.close();
    `;
    const run = await runNode(['--input-type=module', '-e', script], dir);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      before: 'ERR_UNKNOWN_PROVIDER',
      taken: 'ERR_INVALID_ARGUMENT',
      name: 'StratusLabNodeDriver',
      provider: 'stratuslab',
      sameClass: true,
      classForm: true,
      node: 'lal:0',
      state: 'running',
      ips: 1,
    });
    expect(out['missing']).toContain('npm install @cloudmux/stratuslab-not-installed');
  });

  it('is not pre-registered by the umbrella; registering it through the umbrella works the same', async () => {
    const script = `
      import { getDriver, setDriver } from 'cloudmux';
      let before;
      try { getDriver('stratuslab'); } catch (e) { before = { code: e.code, listed: e.message.replace('"stratuslab"', '').includes('stratuslab'), known: e.message.includes('joyent') }; }
      setDriver('stratuslab', '@cloudmux/stratuslab', 'StratusLabNodeDriver');
      console.log(JSON.stringify({ before, after: getDriver('stratuslab').name }));
    `;
    const run = await runNode(['--input-type=module', '-e', script], dir);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      before: { code: 'ERR_UNKNOWN_PROVIDER', listed: false, known: true },
      after: 'StratusLabNodeDriver',
    });
  });
});
