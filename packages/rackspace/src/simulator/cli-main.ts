/**
 * The standalone Rackspace simulator command (see `cli.ts`): parses arguments, starts the simulator and
 * prints the `RACKSPACE_*` variables that reach it.
 * @module
 */
import { parseArgs } from 'node:util';
import { RackspaceSimulator, DEFAULT_RACKSPACE_SIM_USER } from './server.js';

/** Usage text. */
export const CLI_USAGE = `Usage: cloudmux-rackspace-simulator [options]

Starts a Rackspace simulator (Cloud Identity with API keys, Cloud Servers, Cloud Files + CDN,
Cloud Load Balancers, Cloud DNS; regions DFW ORD IAD LON SYD HKG) and runs until interrupted (Ctrl-C).

Options:
  --host <addr>       interface to listen on (default 127.0.0.1)
  --port <n>          port (default 0: any free port)
  --user <name>       account user (default demo)
  --api-key <key>     its API key (default demo-api-key)
  --password <pw>     its password (default secret)
  --speed <n>         run state transitions n times faster (default 1)
  --help              show this text
`;

/** A started CLI simulator. */
export interface RackspaceCliHandle {
  /** The simulator (the caller stops it). */
  sim: RackspaceSimulator;
}

/** Runs the command with `argv` (without node and script); prints with `print`. `undefined` after `--help`. */
export async function runRackspaceSimulatorCli(argv: string[], print: (line: string) => void): Promise<RackspaceCliHandle | undefined> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      user: { type: 'string' },
      'api-key': { type: 'string' },
      password: { type: 'string' },
      speed: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    print(CLI_USAGE);
    return undefined;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got "${String(values.port)}"`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`--speed must be a positive number, got "${String(values.speed)}"`);
  const user = {
    username: values.user ?? DEFAULT_RACKSPACE_SIM_USER.username,
    apiKey: values['api-key'] ?? DEFAULT_RACKSPACE_SIM_USER.apiKey,
    password: values.password ?? DEFAULT_RACKSPACE_SIM_USER.password,
  };
  const sim = await RackspaceSimulator.start({ host: values.host, port, speed, users: [user] });
  print(`Rackspace simulator listening on ${sim.url}`);
  print('');
  print(`export RACKSPACE_USERNAME=${user.username}`);
  print(`export RACKSPACE_API_KEY=${user.apiKey}`);
  print('export RACKSPACE_REGION=DFW');
  print(`export RACKSPACE_IDENTITY=${sim.identityUrl}`);
  return { sim };
}
