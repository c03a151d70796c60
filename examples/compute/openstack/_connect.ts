/**
 * Shared helper for the OpenStack examples: a driver for a real cloud when `OS_CLOUD` or `OS_AUTH_URL` is set
 * (clouds.yaml / `OS_*`, see `OpenStackNodeDriver.fromEnv`), otherwise an in-process OpenStack simulator
 * reached through a clouds.yaml written to a temporary directory — the same code path as a real cloud.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OpenStackNodeDriver } from '@cloudmux/openstack';
import { OpenStackSimulator } from '@cloudmux/openstack/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: OpenStackNodeDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  /** Poll interval suited to the target (fast on the simulator). */
  pollIntervalMs: number;
  close(): Promise<void>;
}

/** Connects to the real cloud (clouds.yaml / env) or to a simulator through a generated clouds.yaml. */
export async function connect(): Promise<Connected> {
  if (process.env['OS_CLOUD'] || process.env['OS_AUTH_URL']) {
    const driver = OpenStackNodeDriver.fromEnv();
    return { driver, simulated: false, pollIntervalMs: 5000, close: () => driver.close() };
  }
  const sim = await OpenStackSimulator.start({ speed: 20 });
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudmux-openstack-example-'));
  writeFileSync(
    path.join(dir, 'clouds.yaml'),
    [
      'clouds:',
      '  simulator:',
      '    auth:',
      `      auth_url: ${sim.authUrl}`,
      '      username: demo',
      '      password: secret',
      '      project_name: demo',
      '      user_domain_name: Default',
      '      project_domain_name: Default',
      '    region_name: RegionOne',
      '',
    ].join('\n'),
  );
  const driver = OpenStackNodeDriver.fromEnv({ OS_CLOUD: 'simulator' }, { config: { cwd: dir, homeDir: dir, etcDir: dir } });
  return {
    driver,
    simulated: true,
    pollIntervalMs: 100,
    close: async () => {
      await driver.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The smallest flavor and a cirros/ubuntu image. */
export async function pickSizeAndImage(driver: OpenStackNodeDriver): Promise<{ size: string; image: string }> {
  const sizes = (await driver.listSizes()).sort((a, b) => a.ramMb - b.ramMb);
  const images = await driver.listImages({ ex: { status: 'active' } });
  const image = images.find((i) => /cirros/i.test(i.name)) ?? images.find((i) => /ubuntu/i.test(i.name)) ?? images[0];
  const size = sizes.find((s) => s.ramMb >= 256) ?? sizes[0];
  if (!size || !image) throw new Error('No flavor or active image in this project');
  return { size: size.id, image: image.id };
}
