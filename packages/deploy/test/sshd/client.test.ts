// SshClient against a real OpenSSH server: every key type and format, ssh-agent, exec, SFTP,
// host-key policies. Needs sshd (apt-get install openssh-server); fails loudly without it.
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import { InvalidCredentialsError } from '@cloudmux/core/errors';
import {
  HostKeyVerificationError,
  SshClient,
  SshCommandTimeoutError,
  SshConnectionError,
  parsePrivateKey,
  type SshConnectOptions,
} from '@cloudmux/deploy';
import { startSshd, type SshdHarness } from '../support/sshd-harness.mjs';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['sshd', 'ssh-keygen', 'ssh-agent'], 'SshClient against a real OpenSSH server', () => {
  let sshd: SshdHarness;
  let tmp: string;
  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'deploy-client-'));
  });
  afterAll(async () => {
    await sshd?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const base = (extra: Partial<SshConnectOptions> = {}): SshConnectOptions => ({
    host: sshd.host,
    port: sshd.port,
    username: sshd.user,
    hostKeyPolicy: 'strict',
    knownHostsFile: sshd.knownHostsFile,
    ...extra,
  });

  async function whoami(options: SshConnectOptions): Promise<string> {
    const c = await SshClient.connect(options);
    try {
      const r = await c.exec('id -un');
      expect(r.exitCode).toBe(0);
      return r.stdout.trim();
    } finally {
      await c.close();
    }
  }

  describe('authentication against OpenSSH', () => {
    it.each([
      ['ed25519 (OpenSSH format)', 'ed25519'],
      ['RSA (OpenSSH format)', 'rsa'],
      ['RSA (PEM PKCS#1)', 'rsaPem'],
      ['ECDSA (PKCS#8)', 'ecdsa'],
    ] as const)('logs in with an %s key given as a path', async (_label, which) => {
      expect(await whoami(base({ privateKey: sshd.keys[which] }))).toBe(sshd.user);
    });

    it('logs in with a passphrase-protected ed25519 key given as text', async () => {
      const text = await readFile(sshd.keys.ed25519Encrypted, 'utf8');
      expect(await whoami(base({ privateKey: text, passphrase: sshd.passphrase }))).toBe(sshd.user);
    });

    it('logs in with encrypted PKCS#8 ed25519 and RSA keys made by Node', async () => {
      for (const kp of [generateKeyPairSync('ed25519'), generateKeyPairSync('rsa', { modulusLength: 2048 })]) {
        const pem = kp.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pkcs8-pass' }) as string;
        await sshd.authorize(parsePrivateKey(pem, 'pkcs8-pass').publicKey);
        expect(await whoami(base({ privateKey: Buffer.from(pem), passphrase: 'pkcs8-pass' }))).toBe(sshd.user);
      }
    });

    it('logs in through a real ssh-agent', async () => {
      const sock = path.join(tmp, 'agent.sock');
      const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
      try {
        for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20));
        execFileSync('ssh-add', [sshd.keys.rsa], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
        expect(await whoami(base({ agent: sock }))).toBe(sshd.user);
      } finally {
        agent.kill();
      }
    });

    it('fails at once with InvalidCredentialsError for an unknown key', async () => {
      const stranger = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const err = await SshClient.connect(base({ privateKey: stranger })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvalidCredentialsError);
      expect((err as InvalidCredentialsError).retryable).toBe(false);
      expect((err as Error).message).toContain(`${sshd.user}@127.0.0.1:${sshd.port}`);
    });

    it('maps a closed port to a retryable SshConnectionError', async () => {
      const net = await import('node:net');
      const port = await new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => resolve(p));
        });
      });
      const err = await SshClient.connect(base({ port, privateKey: sshd.keys.ed25519 })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SshConnectionError);
      expect(err).toMatchObject({ retryable: true, reason: 'ECONNREFUSED' });
    });
  });

  describe('exec and SFTP', () => {
    let client: SshClient;
    beforeAll(async () => {
      client = await SshClient.connect(base({ privateKey: sshd.keys.ed25519 }));
    });
    afterAll(async () => {
      await client?.close();
    });

    it('returns stdout, stderr and the exit status, with stdin and env', async () => {
      const r = await client.exec('read line; echo "got:$line:$GREETING"; echo oops >&2; exit 7', {
        stdin: 'hello there\n',
        env: { GREETING: "it's me" },
      });
      expect(r).toEqual({ stdout: "got:hello there:it's me\n", stderr: 'oops\n', exitCode: 7, signal: null });
    });

    it('kills a command that runs past its timeout and keeps the connection usable', async () => {
      const duration = `30.${randomBytes(3).readUIntBE(0, 3)}`;
      const err = await client.exec(`echo before; sleep ${duration}; echo after`, { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SshCommandTimeoutError);
      expect((err as SshCommandTimeoutError).stdout).toBe('before\n');
      // the remote command was really killed (sshd delivers the KILL to its process group)
      let running = true;
      for (let i = 0; i < 40 && running; i++) {
        running = (await client.exec('ps -u "$(id -u)" -o args=')).stdout.includes(`sleep ${duration}`);
        if (running) await new Promise((r) => setTimeout(r, 50));
      }
      expect(running).toBe(false);
      expect((await client.exec('echo still-alive')).stdout).toBe('still-alive\n');
    });

    it('uploads, downloads, creates directories and sets modes', async () => {
      const local = path.join(tmp, 'up.bin');
      const data = randomBytes(300_000);
      await writeFile(local, data);
      expect(await client.mkdirp('~/deep/er/dir', 0o750)).toBe(true);
      expect(await client.mkdirp('deep/er/dir')).toBe(false);
      expect(await client.stat('deep/er/dir')).toMatchObject({ isDirectory: true, mode: 0o750 });
      await client.uploadFile(local, '~/deep/er/dir/up.bin', { mode: 0o640 });
      expect(await client.stat('deep/er/dir/up.bin')).toMatchObject({ size: data.length, mode: 0o640 });
      const back = path.join(tmp, 'down.bin');
      await client.downloadFile(`${sshd.home}/deep/er/dir/up.bin`, back);
      expect((await readFile(back)).equals(data)).toBe(true);
      await client.writeFile('notes.txt', 'héllo\n', { mode: 0o600 });
      expect((await client.readFile('~/notes.txt')).toString()).toBe('héllo\n');
      await client.chmod('notes.txt', 0o644);
      expect((await client.exec('stat -c %a notes.txt')).stdout.trim()).toBe('644');
      expect(await client.unlink('notes.txt')).toBe(true);
      expect(await client.unlink('notes.txt')).toBe(false);
      expect(await client.homeDirectory()).toBe(sshd.home);
    });
  });

  describe('host-key policies against OpenSSH', () => {
    it('strict accepts the host listed in known_hosts and reports its fingerprint', async () => {
      const c = await SshClient.connect(base({ privateKey: sshd.keys.ed25519 }));
      await c.close();
      expect(Object.values(sshd.hostKeyFingerprints)).toContain(c.hostKeyFingerprint);
      expect(c.hostKeyStatus).toBe('known');
    });

    it('strict with an RSA-only known_hosts negotiates the RSA host key', async () => {
      const kh = path.join(tmp, 'rsa_only');
      await writeFile(kh, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKeys.rsa}\n`);
      const c = await SshClient.connect(base({ privateKey: sshd.keys.ed25519, knownHostsFile: kh }));
      await c.close();
      expect(c.hostKeyFingerprint).toBe(sshd.hostKeyFingerprints.rsa);
    });

    it('strict with expected fingerprints only', async () => {
      const c = await SshClient.connect(
        base({ privateKey: sshd.keys.ed25519, knownHostsFile: undefined, hostKeyFingerprints: Object.values(sshd.hostKeyFingerprints) }),
      );
      await c.close();
      expect(c.hostKeyStatus).toBe('known');
    });

    it('strict refuses a changed host key, naming the fingerprint seen, without retry', async () => {
      const other = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const fake = parsePrivateKey(other).publicKey;
      const kh = path.join(tmp, 'changed');
      await writeFile(kh, `[127.0.0.1]:${sshd.port} ${fake}\n`);
      const err = await SshClient.connect(base({ privateKey: sshd.keys.ed25519, knownHostsFile: kh })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HostKeyVerificationError);
      expect((err as HostKeyVerificationError).fingerprint).toBe(sshd.hostKeyFingerprints.ed25519);
      expect((err as Error).message).toContain(sshd.hostKeyFingerprints.ed25519);
      expect((err as Error).message).toMatch(/changed/);
    });

    it('strict refuses an unknown host', async () => {
      const kh = path.join(tmp, 'empty');
      await writeFile(kh, '');
      await expect(SshClient.connect(base({ privateKey: sshd.keys.ed25519, knownHostsFile: kh }))).rejects.toThrow(
        /unknown host key ssh-ed25519 SHA256:/,
      );
    });

    it('accept-new trusts on first use, reports and remembers the fingerprint, then checks it', async () => {
      const kh = path.join(tmp, 'tofu');
      const first = await SshClient.connect(base({ privateKey: sshd.keys.ed25519, hostKeyPolicy: 'accept-new', knownHostsFile: kh }));
      await first.close();
      expect(first.hostKeyStatus).toBe('new');
      expect(first.hostKeyFingerprint).toBe(sshd.hostKeyFingerprints.ed25519);
      expect(await readFile(kh, 'utf8')).toBe(`[127.0.0.1]:${sshd.port} ${sshd.hostPublicKeys.ed25519}\n`);
      const second = await SshClient.connect(base({ privateKey: sshd.keys.ed25519, hostKeyPolicy: 'accept-new', knownHostsFile: kh }));
      await second.close();
      expect(second.hostKeyStatus).toBe('known');
      // default policy is accept-new, even with no file
      const third = await SshClient.connect({ host: sshd.host, port: sshd.port, username: sshd.user, privateKey: sshd.keys.ed25519 });
      await third.close();
      expect(third.hostKeyStatus).toBe('new');
    });

    it('writes the accepted fingerprint to the debug trace', async () => {
      const trace = path.join(tmp, 'trace.log');
      const c = await SshClient.connect(
        base({ privateKey: sshd.keys.ed25519, hostKeyPolicy: 'accept-new', knownHostsFile: undefined, debugFile: trace }),
      );
      await c.exec('true');
      await c.close();
      const text = await readFile(trace, 'utf8');
      expect(text).toContain(`${c.hostKeyFingerprint} (accepted on first use)`);
      expect(text).not.toContain('PRIVATE KEY');
    });

    it('insecure connects whatever the key and warns once per process', async () => {
      const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
      try {
        for (let i = 0; i < 2; i++) {
          const c = await SshClient.connect(base({ privateKey: sshd.keys.ed25519, hostKeyPolicy: 'insecure', knownHostsFile: undefined }));
          await c.close();
          expect(c.hostKeyStatus).toBe('insecure');
        }
        expect(spy.mock.calls.filter((c) => String(c[0]).includes('not verified'))).toHaveLength(1);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
