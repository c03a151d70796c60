import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sshpk from 'sshpk';
import { CLI_USAGE, runSimulatorCli } from '../../src/simulator/cli-main.js';
import { JoyentNodeDriver } from '../../src/index.js';
import { call, freshKey } from './support.js';

describe('the standalone simulator command', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cloudapi-cli-test-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints usage for --help and starts nothing', async () => {
    const lines: string[] = [];
    expect(await runSimulatorCli(['--help'], (l) => lines.push(l))).toBeUndefined();
    expect(lines.join('\n')).toBe(CLI_USAGE);
    expect(CLI_USAGE).toContain('--seed <n>');
  });

  it('rejects unknown options and bad numbers', async () => {
    await expect(runSimulatorCli(['--bogus'], () => undefined)).rejects.toThrow(/bogus/);
    await expect(runSimulatorCli(['--seed', 'many', '--key-dir', dir], () => undefined)).rejects.toThrow(
      '--seed must be a non-negative number, got "many"',
    );
  });

  it('writes a ready-to-use key pair, prints URL and key id, seeds machines, and the driver works with them', async () => {
    const lines: string[] = [];
    const handle = await runSimulatorCli(['--key-dir', dir, '--seed', '3', '--account', 'alice', '--provision-delay-ms', '10'], (l) =>
      lines.push(l),
    );
    expect(handle).toBeDefined();
    const { sim, privateKeyPath, fingerprint } = handle!;
    try {
      const out = lines.join('\n');
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out).toContain(`listening at ${sim.url}`);
      expect(out).toContain(`key id:      /alice/keys/${fingerprint}`);
      expect(out).toContain(`SDC_URL=${sim.url} SDC_ACCOUNT=alice SDC_KEY_ID=${fingerprint} SDC_CLI_IDENTITY=${privateKeyPath!}`);
      expect(privateKeyPath).toBe(path.join(dir, 'id_ed25519'));
      expect((await stat(privateKeyPath!)).mode & 0o777).toBe(0o600);
      const pub = await readFile(`${privateKeyPath!}.pub`, 'utf8');
      expect(sshpk.parseKey(pub, 'ssh').fingerprint('md5').toString('hex')).toBe(fingerprint);

      // The printed SDC_* line is enough for JoyentNodeDriver.fromEnv().
      const exportLine = lines.find((l) => l.includes('export SDC_URL='))!;
      const env = Object.fromEntries(
        exportLine
          .trim()
          .replace(/^export /, '')
          .split(' ')
          .map((kv) => kv.split('=') as [string, string]),
      );
      expect(env['SDC_CLI_IDENTITY']).toBe(privateKeyPath);
      const driver = JoyentNodeDriver.fromEnv(env, { sshDir: false, retry: false });
      try {
        expect(await driver.listNodes()).toHaveLength(3);
      } finally {
        driver.close();
      }
    } finally {
      await sim.close();
    }
  });

  it('prints absolute key paths even when --key-dir is relative', async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    const lines: string[] = [];
    let handle;
    try {
      handle = await runSimulatorCli(['--key-dir', 'keys'], (l) => lines.push(l));
    } finally {
      process.chdir(cwd);
    }
    try {
      const expected = path.join(dir, 'keys', 'id_ed25519');
      expect(handle!.privateKeyPath).toBe(expected);
      const out = lines.join('\n');
      expect(out).toContain(`private key: ${expected} (public key ${expected}.pub)`);
      expect(out).toContain(`SDC_CLI_IDENTITY=${expected}`);
      expect(out).toContain(`ssh-add ${expected} `);
      expect(out).not.toMatch(/(?<![\w/.-])keys\/id_ed25519/);
      // The printed path works from another directory.
      expect((await stat(expected)).isFile()).toBe(true);
    } finally {
      await handle!.sim.close();
    }
  });

  it('registers a given public key instead of generating one', async () => {
    const k = freshKey();
    const file = path.join(dir, 'mine.pub');
    await writeFile(file, `${k.publicKey}\n`);
    const handle = await runSimulatorCli(['--public-key', file, '--throttle', '50'], () => undefined);
    try {
      expect(handle!.privateKeyPath).toBeUndefined();
      expect(handle!.fingerprint).toBe(k.md5);
      const res = await call(handle!.sim.url, { path: '/my/machines', sign: { key: k } });
      expect(res.status).toBe(200);
    } finally {
      await handle!.sim.close();
    }
  });
});
