// Deployment steps against a real OpenSSH server.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  FileDeployment,
  MultiStepDeployment,
  SSHKeyDeployment,
  ScriptDeployment,
  ScriptFileDeployment,
  SshClient,
  parsePrivateKey,
  type DeploymentStepResult,
} from '@cloudmux/deploy';
import { startSshd, type SshdHarness } from '../support/sshd-harness.mjs';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['sshd', 'ssh-keygen'], 'deployment steps against a real OpenSSH server', () => {
  let sshd: SshdHarness;
  let client: SshClient;
  let tmp: string;
  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'deploy-steps-'));
    client = await SshClient.connect({
      host: sshd.host,
      port: sshd.port,
      username: sshd.user,
      privateKey: sshd.keys.ed25519,
      hostKeyPolicy: 'strict',
      knownHostsFile: sshd.knownHostsFile,
    });
  });
  afterAll(async () => {
    await client?.close();
    await sshd?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const leftovers = async (): Promise<string> => (await client.exec('ls -A ~ | grep "^.cloudmux-" || true')).stdout;

  describe('ScriptDeployment', () => {
    it('passes arguments with spaces, quotes and shell characters as single words', async () => {
      const args = ['two words', `it's "quoted"`, '$HOME;rm -rf /', '', '*'];
      const step = new ScriptDeployment('#!/bin/sh\nfor a in "$@"; do printf "<%s>\\n" "$a"; done\necho "argc=$#"\n', {
        name: 'print args',
        args,
      });
      const r = await step.run(client);
      expect(r).toMatchObject({ name: 'print args', ok: true, exitCode: 0, stderr: '' });
      expect(r.stdout).toBe(`${args.map((a) => `<${a}>`).join('\n')}\nargc=5\n`);
      expect(await leftovers()).toBe('');
    });

    it('runs scripts without a shebang with /bin/sh and exports env', async () => {
      const r = await new ScriptDeployment('echo "$0 sees $STAGE"', { env: { STAGE: 'blue green' } }).run(client);
      expect(r.ok).toBe(true);
      expect(r.stdout).toMatch(/\.cloudmux-script-[0-9a-f]+\.sh sees blue green\n$/);
    });

    it('reports a non-zero exit as a failed step with its output; keeps the file with delete: false', async () => {
      const r = await new ScriptDeployment('#!/bin/bash\necho working\necho "disk full" >&2\nexit 3\n', {
        name: 'failing',
        delete: false,
      }).run(client);
      expect(r).toMatchObject({ name: 'failing', ok: false, exitCode: 3, stdout: 'working\n', stderr: 'disk full\n' });
      const kept = (await leftovers()).trim();
      expect(kept).toMatch(/^\.cloudmux-failing-[0-9a-f]+\.sh$/);
      expect((await client.stat(kept))?.mode).toBe(0o700);
      await client.unlink(kept);
    });

    it('fails a step that exceeds its timeoutMs', async () => {
      const r = await new ScriptDeployment('#!/bin/sh\necho begin\nsleep 20\n', { name: 'slow', timeoutMs: 300 }).run(client);
      expect(r).toMatchObject({ name: 'slow', ok: false, exitCode: null, stdout: 'begin\n' });
      expect(r.error).toMatch(/ERR_TIMEOUT: .*300 ms/);
      expect(await leftovers()).toBe('');
    });

    it('ScriptFileDeployment reads the script from a local file and is named after it', async () => {
      const file = path.join(tmp, 'setup.sh');
      await writeFile(file, '#!/bin/sh\necho "from file: $1"\n');
      const r = await new ScriptFileDeployment(file, { args: ['x y'] }).run(client);
      expect(r).toMatchObject({ name: 'setup.sh', ok: true, stdout: 'from file: x y\n' });
      const missing = await new ScriptFileDeployment(path.join(tmp, 'nope.sh')).run(client);
      expect(missing.ok).toBe(false);
      expect(missing.error).toMatch(/Cannot read script file/);
    });
  });

  describe('FileDeployment', () => {
    it('uploads a local file or contents to a new directory with a mode', async () => {
      const local = path.join(tmp, 'app.conf');
      await writeFile(local, 'port = 8080\n');
      expect((await new FileDeployment({ source: local, target: '~/etc/app/app.conf', mode: 0o640 }).run(client)).ok).toBe(true);
      expect((await client.readFile('etc/app/app.conf')).toString()).toBe('port = 8080\n');
      expect((await client.stat('etc/app/app.conf'))?.mode).toBe(0o640);
      const r = await new FileDeployment({ contents: Buffer.from([0, 1, 2, 255]), target: `${sshd.home}/bin/blob`, name: 'blob' }).run(
        client,
      );
      expect(r).toMatchObject({ name: 'blob', ok: true });
      expect([...(await client.readFile('bin/blob'))]).toEqual([0, 1, 2, 255]);
      expect(() => new FileDeployment({ target: 'x' })).toThrow(/exactly one of/);
    });

    it('fails (without throwing) when the target cannot be written', async () => {
      const r = await new FileDeployment({ contents: 'x', target: '/proc/cannot/write' }).run(client);
      expect(r.ok).toBe(false);
      expect(r.error).toMatch(/SFTP/);
    });
  });

  describe('SSHKeyDeployment', () => {
    it('adds a key once with correct permissions, and the key then logs in', async () => {
      const { privateKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
      const pub = `${parsePrivateKey(pem).publicKey} added-by-test`;
      await client.exec('rm -rf ~/.ssh');
      const step = new SSHKeyDeployment(pub);
      const first = await step.run(client);
      expect(first).toMatchObject({ name: 'ssh-key', ok: true, changed: true });
      const second = await new SSHKeyDeployment(`${pub.split(' ').slice(0, 2).join(' ')} other-comment`).run(client);
      expect(second).toMatchObject({ ok: true, changed: false });
      expect((await client.exec('stat -c %a ~/.ssh ~/.ssh/authorized_keys')).stdout).toBe('700\n600\n');
      expect((await client.readFile('.ssh/authorized_keys')).toString()).toBe(`${pub}\n`);
      // sshd reads ~/.ssh/authorized_keys too: the new key works
      const viaNewKey = await SshClient.connect({
        host: sshd.host,
        port: sshd.port,
        username: sshd.user,
        privateKey: pem,
        hostKeyPolicy: 'strict',
        knownHostsFile: sshd.knownHostsFile,
      });
      expect((await viaNewKey.exec('echo in')).stdout).toBe('in\n');
      await viaNewKey.close();
    });

    it('appends to an existing file without a final newline, and rejects junk keys', async () => {
      await client.writeFile('.ssh/authorized_keys', `${sshd.publicKeys.rsa}`);
      const r = await new SSHKeyDeployment(sshd.publicKeys.ecdsa).run(client);
      expect(r.changed).toBe(true);
      expect((await client.readFile('.ssh/authorized_keys')).toString()).toBe(`${sshd.publicKeys.rsa}\n${sshd.publicKeys.ecdsa}\n`);
      expect(() => new SSHKeyDeployment('not a key')).toThrow(/OpenSSH public key/);
    });
  });

  describe('MultiStepDeployment', () => {
    const names = (rs: readonly DeploymentStepResult[] | undefined): string[] => (rs ?? []).map((r) => `${r.name}:${r.ok}`);

    it('runs steps in order and stops at the first failure', async () => {
      const multi = new MultiStepDeployment([
        new ScriptDeployment('echo one', { name: 'one' }),
        new ScriptDeployment('exit 4', { name: 'two' }),
      ]).add(new ScriptDeployment('echo three', { name: 'three' }));
      const r = await multi.run(client);
      expect(r.ok).toBe(false);
      expect(names(r.steps)).toEqual(['one:true', 'two:false']);
      expect(r.steps?.[1]?.exitCode).toBe(4);
    });

    it('continueOnError runs every step and still reports failure', async () => {
      const multi = new MultiStepDeployment(
        [new ScriptDeployment('exit 1', { name: 'a' }), new ScriptDeployment('echo b', { name: 'b' })],
        { continueOnError: true },
      );
      const r = await multi.run(client);
      expect(r.ok).toBe(false);
      expect(names(r.steps)).toEqual(['a:false', 'b:true']);
    });
  });
});
