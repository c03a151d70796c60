/**
 * The standalone simulator command (see `cli.ts`): parses arguments, writes or reads a key pair,
 * starts the simulator and prints how to reach it.
 * @module
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sshpk from 'sshpk';
import { CloudApiSimulator } from './cloudapi-simulator.js';

/** Usage text. */
export const CLI_USAGE = `Usage: cloudmux-joyent-simulator [options]

Starts a Joyent CloudAPI simulator and runs until interrupted (Ctrl-C).

Options:
  --host <addr>              interface to listen on (default 127.0.0.1)
  --port <n>                 port (default 0: any free port)
  --account <login>          account to create (default demo)
  --public-key <file>        register this OpenSSH public key instead of generating a key pair
  --key-dir <dir>            where to write the generated key pair (default: a new temp directory)
  --datacenter <name>        this datacenter's name (default us-east-1)
  --seed <n>                 create n running machines at start
  --provision-delay-ms <n>   provisioning -> running (default 2000)
  --stop-delay-ms <n>        stopping -> stopped (default 1000)
  --start-delay-ms <n>       stopped -> running (default 1000)
  --delete-delay-ms <n>      delete -> deleted (default 1000)
  --throttle <n>             answer 429 above n requests per second per account
  --help                     show this text
`;

/** A started CLI simulator. */
export interface CliHandle {
  sim: CloudApiSimulator;
  /** Absolute path of the private key file (generated), or undefined when `--public-key` was given. */
  privateKeyPath: string | undefined;
  /** MD5 fingerprint of the registered key. */
  fingerprint: string;
}

function numberOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${String(raw)}"`);
  return n;
}

/**
 * Runs the command with `argv` (without node and script); prints with `print`. Returns `undefined`
 * after `--help`, else the started simulator (the caller closes it).
 */
export async function runSimulatorCli(argv: string[], print: (line: string) => void): Promise<CliHandle | undefined> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      account: { type: 'string' },
      'public-key': { type: 'string' },
      'key-dir': { type: 'string' },
      datacenter: { type: 'string' },
      seed: { type: 'string' },
      'provision-delay-ms': { type: 'string' },
      'stop-delay-ms': { type: 'string' },
      'start-delay-ms': { type: 'string' },
      'delete-delay-ms': { type: 'string' },
      throttle: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    print(CLI_USAGE);
    return undefined;
  }
  const login = values.account ?? 'demo';
  // Validate every number before anything is written or started.
  const port = numberOption(values, 'port', 0);
  const seed = numberOption(values, 'seed', 0);
  const delays = {
    provisionDelayMs: numberOption(values, 'provision-delay-ms', 2000),
    stopDelayMs: numberOption(values, 'stop-delay-ms', 1000),
    startDelayMs: numberOption(values, 'start-delay-ms', 1000),
    deleteDelayMs: numberOption(values, 'delete-delay-ms', 1000),
  };
  const throttle = values.throttle === undefined ? undefined : { ratePerSec: numberOption(values, 'throttle', 10) };
  let publicKey: string;
  let privateKeyPath: string | undefined;
  if (values['public-key']) {
    publicKey = (await readFile(values['public-key'], 'utf8')).trim();
  } else {
    // Absolute, so the printed paths and the SDC_CLI_IDENTITY line work from any directory.
    const dir = path.resolve(values['key-dir'] ?? (await mkdtemp(path.join(os.tmpdir(), 'cloudapi-sim-'))));
    await mkdir(dir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const key = sshpk.parsePrivateKey(privateKey, 'pem');
    key.comment = `${login}@cloudapi-simulator`;
    privateKeyPath = path.join(dir, 'id_ed25519');
    publicKey = key.toPublic().toString('ssh');
    await writeFile(privateKeyPath, key.toString('openssh'), { mode: 0o600 });
    await writeFile(`${privateKeyPath}.pub`, `${publicKey}\n`, { mode: 0o644 });
  }
  const fingerprint = sshpk.parseKey(publicKey, 'ssh').fingerprint('md5').toString('hex');
  const sim = await CloudApiSimulator.start({
    host: values.host,
    port,
    accounts: [{ login, keys: [{ name: 'cli', key: publicKey }] }],
    datacenterName: values.datacenter,
    ...delays,
    throttle,
    requestLogLimit: 1000,
  });
  if (seed > 0) sim.seedMachines(login, Math.floor(seed));
  print(`CloudAPI simulator listening at ${sim.url} (datacenter ${sim.datacenterName})`);
  print(`account:     ${login}`);
  print(`key id:      /${login}/keys/${fingerprint}`);
  if (privateKeyPath) print(`private key: ${privateKeyPath} (public key ${privateKeyPath}.pub)`);
  print('');
  print('Environment for cloudmux / node-triton:');
  print(
    `  export SDC_URL=${sim.url} SDC_ACCOUNT=${login} SDC_KEY_ID=${fingerprint}${privateKeyPath ? ` SDC_CLI_IDENTITY=${privateKeyPath}` : ''}`,
  );
  print(`  export TRITON_URL=${sim.url} TRITON_ACCOUNT=${login} TRITON_KEY_ID=${fingerprint}`);
  if (privateKeyPath) print(`  ssh-add ${privateKeyPath}   # for node-triton; cloudmux's fromEnv() reads SDC_CLI_IDENTITY`);
  print('Press Ctrl-C to stop.');
  return { sim, privateKeyPath, fingerprint };
}
