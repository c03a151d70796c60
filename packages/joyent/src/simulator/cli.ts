#!/usr/bin/env node
/**
 * `cloudmux-joyent-simulator` (package bin): starts a CloudAPI simulator standalone, prints its URL, the account and
 * where the generated key pair is, and runs until SIGINT/SIGTERM. Run after a build with
 * `node packages/joyent/dist/simulator/cli.js [--port 8080] [--seed 10] [--help]`.
 * @module
 */
import { runSimulatorCommand } from '@cloudmux/core/testing';
import { runSimulatorCli } from './cli-main.js';

runSimulatorCommand(async (argv, print) => {
  const handle = await runSimulatorCli(argv, print);
  return handle && (() => handle.sim.close());
});
