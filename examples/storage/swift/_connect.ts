/**
 * Shared helper for the Swift examples: a driver for a real Swift when ST_AUTH (tempauth, with ST_USER
 * and ST_KEY, as python-swiftclient) or OS_AUTH_URL / OS_CLOUD (Keystone v3) is set, see
 * `OpenStackSwiftStorageDriver.fromEnv`; otherwise the in-process OpenStack simulator's Swift.
 */
import { OpenStackSwiftStorageDriver, segmentContainerOf, type OpenStackSwiftDriverOptions } from '@cloudmux/openstack';
import { OpenStackSimulator } from '@cloudmux/openstack/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: OpenStackSwiftStorageDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  close(): Promise<void>;
}

/** Connects to Swift (env) or to the simulator (user demo:demo, key secret). */
export async function connect(options: Omit<OpenStackSwiftDriverOptions, 'authUrl'> = {}): Promise<Connected> {
  if (process.env['ST_AUTH'] || process.env['OS_AUTH_URL'] || process.env['OS_CLOUD']) {
    const driver = OpenStackSwiftStorageDriver.fromEnv(process.env, options);
    return { driver, simulated: false, close: async () => driver.close() };
  }
  const sim = await OpenStackSimulator.start();
  const driver = new OpenStackSwiftStorageDriver('demo:demo', 'secret', { authUrl: `${sim.url}/auth/v1.0`, ...options });
  return {
    driver,
    simulated: true,
    close: async () => {
      driver.close();
      await sim.stop();
    },
  };
}

/** A container name for an example run. */
export function containerNameFor(what: string): string {
  return `cloudmux-example-${what}-${Date.now().toString(36)}`;
}

/** Empties and deletes a container (and its SLO segment container, if any). */
export async function removeContainer(driver: OpenStackSwiftStorageDriver, name: string): Promise<void> {
  for (const o of await driver.listContainerObjects(name)) await driver.deleteObject(o);
  await driver.deleteContainer(name);
  await driver.deleteContainer(segmentContainerOf(name)).catch(() => undefined);
}
