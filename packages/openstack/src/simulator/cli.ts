#!/usr/bin/env node
/**
 * `cloudmux-openstack-simulator`: starts an OpenStack simulator standalone, prints its URL and the `OS_*`
 * variables to reach it, and runs until SIGINT/SIGTERM. Run after a build with
 * `node packages/openstack/dist/simulator/cli.js [--port 5000] [--help]`.
 * @module
 */
import { runSimulatorCli } from './cli-main.js';

async function main(): Promise<void> {
  const handle = await runSimulatorCli(process.argv.slice(2), (line) => console.log(line));
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
