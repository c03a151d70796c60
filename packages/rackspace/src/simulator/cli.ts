#!/usr/bin/env node
/**
 * `cloudmux-rackspace-simulator`: starts a Rackspace simulator standalone, prints the `RACKSPACE_*` variables
 * to reach it, and runs until SIGINT/SIGTERM.
 * @module
 */
import { runRackspaceSimulatorCli } from './cli-main.js';

async function main(): Promise<void> {
  const handle = await runRackspaceSimulatorCli(process.argv.slice(2), (line) => console.log(line));
  if (!handle) return;
  const stop = (signal: string): void => {
    console.log(`\n${signal}: stopping the simulator`);
    handle.sim.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
});
