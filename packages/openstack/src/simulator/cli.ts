#!/usr/bin/env node
/**
 * `cloudmux-openstack-simulator`: starts an OpenStack simulator standalone, prints its URL and the `OS_*`
 * variables to reach it, and runs until SIGINT/SIGTERM. Run after a build with
 * `node packages/openstack/dist/simulator/cli.js [--port 5000] [--help]`.
 * @module
 */
import { runSimulatorCommand } from '@cloudmux/core/testing';
import { runSimulatorCli } from './cli-main.js';

runSimulatorCommand(async (argv, print) => {
  const handle = await runSimulatorCli(argv, print);
  return handle && (() => handle.sim.stop());
});
