import type { NodeDriver } from '@cloudmux/core/compute';
import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import { ScriptDeployment } from '../steps/script-deployment.js';

/**
 * The `ex` key under which a driver accepts a boot script at `createNode`, read from the driver
 * class's `static bootScriptExKey` (Joyent: `userScript`, EC2: `userData`), declared on `NodeDriver`.
 */
export function bootScriptExKey(driver: NodeDriver): string | undefined {
  const key = (driver.constructor as typeof NodeDriver).bootScriptExKey;
  return key !== undefined && key !== '' ? key : undefined;
}

/**
 * `ex` entries that hand a {@link ScriptDeployment} to the provider as its boot script, so the
 * node runs it at first boot without SSH: `createNode({ ..., ex: { ...(await bootScriptEx(driver, step)) } })`.
 * Throws `NotSupportedError` when the driver has no boot script, `InvalidArgumentError` for
 * steps with arguments or environment (a boot script gets neither; put them in the script).
 */
export async function bootScriptEx(driver: NodeDriver, deployment: unknown): Promise<Record<string, string>> {
  const key = bootScriptExKey(driver);
  if (!key) {
    const name = (driver.constructor as { provider?: { name?: string } }).provider?.name ?? driver.providerId;
    throw new NotSupportedError(name, 'boot scripts', 'deploy over SSH instead (drop viaBootScript)');
  }
  if (!(deployment instanceof ScriptDeployment)) {
    throw new InvalidArgumentError('Only a single ScriptDeployment (or ScriptFileDeployment) can be delivered as a boot script');
  }
  if (deployment.args.length > 0 || Object.keys(deployment.env ?? {}).length > 0) {
    throw new InvalidArgumentError(
      `Boot script "${deployment.name}" has args or env, which a boot script cannot receive; write them into the script`,
    );
  }
  return { [key]: await deployment.getScript() };
}
