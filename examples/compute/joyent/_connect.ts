/**
 * Shared helper for the Joyent examples: a driver for a real CloudAPI when SDC_URL or TRITON_URL
 * is set (credentials from TRITON_* / SDC_* and the ssh-agent, see `JoyentNodeDriver.fromEnv`),
 * otherwise an in-process CloudAPI simulator and a freshly generated Ed25519 key.
 */
import { generateKeyPairSync } from 'node:crypto';
import { toOpenSshPublicKey } from '@cloudmux/core/ssh';
import { JoyentNodeDriver } from '@cloudmux/joyent';
import { CloudApiSimulator } from '@cloudmux/joyent/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: JoyentNodeDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  /** Poll interval suited to the target (fast on the simulator). */
  pollIntervalMs: number;
  close(): Promise<void>;
}

/** Connects to the real cloud (env) or to a simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['SDC_URL'] || process.env['TRITON_URL']) {
    const driver = JoyentNodeDriver.fromEnv();
    return { driver, simulated: false, pollIntervalMs: 5000, close: async () => driver.close() };
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const sim = await CloudApiSimulator.start({
    accounts: [{ login: 'demo', keys: [{ name: 'example', key: toOpenSshPublicKey(publicKey, 'example@cloudmux') }] }],
    provisionDelayMs: 150,
    stopDelayMs: 100,
    startDelayMs: 100,
    deleteDelayMs: 50,
  });
  const driver = new JoyentNodeDriver('demo', undefined, {
    url: sim.url,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    useAgent: false,
  });
  return {
    driver,
    simulated: true,
    pollIntervalMs: 100,
    close: async () => {
      driver.close();
      await sim.close();
    },
  };
}

/** Picks a small package and a SmartOS base image by regex (the smartdc tutorial's way). */
export async function pickSizeAndImage(driver: JoyentNodeDriver): Promise<{ size: string; image: string }> {
  const [size] = await driver.exFindSizes(/highcpu-(128M|256M|512M|1G)$/);
  const images = await driver.exFindImages(/^base-64/);
  const image = images.sort((a, b) => (b.extra.publishedAt?.getTime() ?? 0) - (a.extra.publishedAt?.getTime() ?? 0))[0];
  if (!size || !image) throw new Error('No small package or base-64 image in this datacenter');
  return { size: size.id, image: image.id };
}
