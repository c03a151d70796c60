// Part of the release check: a TypeScript user's file, type-checked in the scratch project against
// the installed packages' published .d.ts (strict, NodeNext, skipLibCheck false). The release check
// writes entry-points.ts next to it, importing the types of every `exports` subpath.
import { getDriver, Provider, NotFoundError } from 'cloudmux';
import type { NodeSize } from 'cloudmux/compute';
import { JoyentNodeDriver, type JoyentDriverOptions } from '@cloudmux/joyent';
import { CloudApiSimulator } from '@cloudmux/joyent/simulator';

const Joyent: typeof JoyentNodeDriver = getDriver(Provider.JOYENT);

export async function cheapestSize(privateKey: string): Promise<NodeSize | undefined> {
  const sim = await CloudApiSimulator.start({ accounts: [{ login: 'demo', keys: [] }] });
  const options: JoyentDriverOptions = { url: sim.url, privateKey, useAgent: false };
  try {
    const sizes = await new Joyent('demo', undefined, options).listSizes();
    return sizes.sort((a, b) => (a.price ?? Infinity) - (b.price ?? Infinity))[0];
  } catch (err) {
    if (err instanceof NotFoundError) return undefined;
    throw err;
  } finally {
    await sim.close();
  }
}
