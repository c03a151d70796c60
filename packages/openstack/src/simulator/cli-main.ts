/**
 * The standalone simulator command (see `cli.ts`): parses arguments, starts the simulator and prints the
 * `OS_*` variables (and a clouds.yaml entry) that reach it.
 * @module
 */
import { parseArgs } from 'node:util';
import { OpenStackSimulator } from './server.js';

/** Usage text. */
export const CLI_USAGE = `Usage: cloudmux-openstack-simulator [options]

Starts an OpenStack simulator (Keystone v2.0/v3, Nova, Glance, Cinder, Neutron) and runs until interrupted (Ctrl-C).

Options:
  --host <addr>              interface to listen on (default 127.0.0.1)
  --port <n>                 port (default 0: any free port)
  --user <name>              user to create (default demo; admin/secret exists too)
  --password <pw>            its password (default secret)
  --project <name>           its project (default: the user name)
  --region <name>            region of every endpoint (default RegionOne)
  --token-lifetime-s <n>     token lifetime in seconds (default 3600)
  --speed <n>                run state transitions n times faster (default 1)
  --help                     show this text
`;

/** A started CLI simulator. */
export interface CliHandle {
  /** The simulator (the caller stops it). */
  sim: OpenStackSimulator;
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return n;
}

/** Runs the command with `argv` (without node and script); prints with `print`. `undefined` after `--help`. */
export async function runSimulatorCli(argv: string[], print: (line: string) => void): Promise<CliHandle | undefined> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      user: { type: 'string' },
      password: { type: 'string' },
      project: { type: 'string' },
      region: { type: 'string' },
      'token-lifetime-s': { type: 'string' },
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
  const user = values.user ?? 'demo';
  const password = values.password ?? 'secret';
  const project = values.project ?? user;
  const region = values.region ?? 'RegionOne';
  const users = [
    { name: user, password, projects: [project], roles: ['member', 'reader'] },
    ...(user === 'admin'
      ? []
      : [{ name: 'admin', password: 'secret', projects: ['admin'], roles: ['admin', 'member', 'reader'], domainRoles: ['admin'] }]),
  ];
  const sim = await OpenStackSimulator.start({
    host: values.host,
    port,
    users,
    region,
    tokenLifetimeMs: positive('token-lifetime-s', values['token-lifetime-s'], 3600) * 1000,
    speed: positive('speed', values.speed, 1),
  });
  print(`OpenStack simulator listening on ${sim.url}`);
  print('');
  print('export OS_AUTH_URL=' + sim.authUrl);
  print('export OS_IDENTITY_API_VERSION=3');
  print(`export OS_USERNAME=${user}`);
  print(`export OS_PASSWORD=${password}`);
  print(`export OS_PROJECT_NAME=${project}`);
  print('export OS_USER_DOMAIN_NAME=Default');
  print('export OS_PROJECT_DOMAIN_NAME=Default');
  print(`export OS_REGION_NAME=${region}`);
  print('');
  print('or in clouds.yaml:');
  print('clouds:');
  print('  simulator:');
  print('    auth:');
  print(`      auth_url: ${sim.authUrl}`);
  print(`      username: ${user}`);
  print(`      password: ${password}`);
  print(`      project_name: ${project}`);
  print('      user_domain_name: Default');
  print('      project_domain_name: Default');
  print(`    region_name: ${region}`);
  print('    identity_api_version: 3');
  return { sim };
}
