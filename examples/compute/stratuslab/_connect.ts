/**
 * Shared helper for the StratusLab examples. StratusLab is a third-party driver: `cloudmux` does not
 * bundle it, so it is registered at runtime with `setDriver` (Libcloud's `set_driver`) and then
 * used through `getDriver('stratuslab')` like any provider. With `STRATUSLAB_ENDPOINT` set (and
 * `STRATUSLAB_USERNAME`/`STRATUSLAB_PASSWORD`), the examples talk to that cloud; otherwise to two
 * in-process simulated clouds configured by a `stratuslab-user.cfg` text.
 */
import { getDriver, setDriver } from 'cloudmux';
import type { StratusLabNodeDriver } from '@cloudmux/stratuslab';
import { StratusLabSimulator } from '@cloudmux/stratuslab/simulator';

// 1. Register: module specifier + export name. Nothing is loaded until the first getDriver.
setDriver('stratuslab', '@cloudmux/stratuslab', 'StratusLabNodeDriver');

// 2. Get the class. getDriver types unknown ids as the base NodeDriver class; a type-only import
//    gives the StratusLab type (ex methods, typed extras) without loading the module early.
const StratusLab = getDriver('stratuslab') as typeof StratusLabNodeDriver;

/** A connected driver and how to clean up. */
export interface Connected {
  driver: StratusLabNodeDriver;
  /** True when talking to the in-process simulators. */
  simulated: boolean;
  /** Poll interval suited to the target. */
  pollIntervalMs: number;
  close(): Promise<void>;
}

/** Connects to the cloud of the STRATUSLAB_* variables, or to two simulated clouds. */
export async function connect(): Promise<Connected> {
  if (process.env['STRATUSLAB_ENDPOINT']) {
    const driver = StratusLab.fromEnv();
    return { driver, simulated: false, pollIntervalMs: 10_000, close: async () => driver.close() };
  }
  const lal = await StratusLabSimulator.start({ stepMs: 100, subnet: 1 });
  const ifca = await StratusLabSimulator.start({ stepMs: 100, subnet: 2 });
  // What ~/.stratuslab/stratuslab-user.cfg would hold: [default] plus one section per cloud.
  const config = ['[default]', 'selected_section = lal', '', lal.configSection('lal'), ifca.configSection('ifca'), ''].join('\n');
  const driver = new StratusLab(undefined, undefined, { config });
  return {
    driver,
    simulated: true,
    pollIntervalMs: 100,
    close: async () => {
      driver.close();
      await Promise.all([lal.close(), ifca.close()]);
    },
  };
}
