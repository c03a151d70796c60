#!/usr/bin/env node
/**
 * `cloudmux-joyent-simulator` (package bin): starts a CloudAPI simulator standalone, prints its URL, the account and
 * where the generated key pair is, and runs until SIGINT/SIGTERM. Run after a build with
 * `node packages/joyent/dist/simulator/cli.js [--port 8080] [--seed 10] [--help]`.
 * @module
 */
import { runSimulatorCli } from './cli-main.js';

async function main(): Promise<void> {
  const handle = await runSimulatorCli(process.argv.slice(2), (line) => console.log(line));
  if (!handle) return;
  const stop = (signal: string): void => {
    console.log(`\n${signal}: stopping the simulator`);
    handle.sim.close().then(
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
