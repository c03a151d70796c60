#!/usr/bin/env node
/**
 * `cloudmux-rackspace-simulator`: starts a Rackspace simulator standalone, prints the `RACKSPACE_*` variables
 * to reach it, and runs until SIGINT/SIGTERM.
 * @module
 */
import { runSimulatorCommand } from '@cloudmux/core/testing';
import { runRackspaceSimulatorCli } from './cli-main.js';

runSimulatorCommand(async (argv, print) => {
  const handle = await runRackspaceSimulatorCli(argv, print);
  return handle && (() => handle.sim.stop());
});
