#!/usr/bin/env node
/**
 * Runs the EC2 simulator standalone:
 * `node packages/aws/dist/simulator/cli.js [--port 4566] [--region us-east-1] [--seed 100] ...` (see `--help`).
 * Prints the endpoint and credentials as shell exports, then serves until SIGINT/SIGTERM.
 * @module
 */
import { parseArgs } from 'node:util';
import { DEFAULT_CREDENTIALS, Ec2Simulator, type Ec2SimulatorCredentials } from './index.js';

const HELP = `Usage: cloudmux-ec2-simulator [options]

Options:
  --host <addr>                  interface to listen on (default 127.0.0.1)
  --port <n>                     port (default 0: any free port)
  --region <name>                region (default us-east-1)
  --account-id <id>              account id (default 123456789012)
  --access-key-id <id>           accepted access key (default ${DEFAULT_CREDENTIALS.accessKeyId})
  --secret-access-key <secret>   its secret (default: the simulator's default secret)
  --session-token <token>        require this session token with that key
  --path <path>                  serve the Query API on this path (repeatable; default /)
  --pending-delay-ms <n>         pending -> running (default 100)
  --stopping-delay-ms <n>        stopping -> stopped (default 100)
  --shutting-down-delay-ms <n>   shutting-down -> terminated (default 100)
  --terminated-visible-ms <n>    how long terminated instances stay listed (default 60000)
  --public-ip <addr>             give every instance this public address (e.g. 127.0.0.1)
  --seed <n>                     start with n running instances
  -h, --help                     show this help`;

function num(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${value}`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      region: { type: 'string' },
      'account-id': { type: 'string' },
      'access-key-id': { type: 'string' },
      'secret-access-key': { type: 'string' },
      'session-token': { type: 'string' },
      path: { type: 'string', multiple: true },
      'pending-delay-ms': { type: 'string' },
      'stopping-delay-ms': { type: 'string' },
      'shutting-down-delay-ms': { type: 'string' },
      'terminated-visible-ms': { type: 'string' },
      'public-ip': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const creds: Ec2SimulatorCredentials = {
    accessKeyId: values['access-key-id'] ?? DEFAULT_CREDENTIALS.accessKeyId,
    secretAccessKey: values['secret-access-key'] ?? DEFAULT_CREDENTIALS.secretAccessKey,
    sessionToken: values['session-token'],
  };
  const sim = await Ec2Simulator.start({
    host: values.host,
    port: num(values.port, 'port'),
    region: values.region,
    accountId: values['account-id'],
    credentials: [creds],
    paths: values.path,
    pendingDelayMs: num(values['pending-delay-ms'], 'pending-delay-ms'),
    stoppingDelayMs: num(values['stopping-delay-ms'], 'stopping-delay-ms'),
    shuttingDownDelayMs: num(values['shutting-down-delay-ms'], 'shutting-down-delay-ms'),
    terminatedVisibleMs: num(values['terminated-visible-ms'], 'terminated-visible-ms'),
    instanceIps: values['public-ip'] ? { public: values['public-ip'] } : undefined,
    requestLogLimit: 1000,
  });
  const seed = num(values.seed, 'seed');
  if (seed) sim.seedInstances(Math.floor(seed), { tags: { Name: 'seed-{n}' } });
  const endpoint = `${sim.url}${values.path?.[0] ?? '/'}`;
  process.stdout.write(
    [
      `EC2 simulator listening on ${endpoint} (region ${sim.region}, account ${sim.accountId})`,
      `export AWS_ACCESS_KEY_ID=${creds.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${creds.secretAccessKey}`,
      ...(creds.sessionToken ? [`export AWS_SESSION_TOKEN=${creds.sessionToken}`] : []),
      `export AWS_REGION=${sim.region}`,
      `export AWS_ENDPOINT_URL_EC2=${endpoint}`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
