import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JoyentNodeDriver } from '../../src/index.js';
import { sshKeygen, tempDir } from '../support/keys.js';
import { startSshAgent, type TestAgent } from '../support/ssh-agent.js';
import { type SimContext, startSim } from '../support/sim.js';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

describeWithTools(['ssh-agent', 'ssh-keygen'], 'Joyent driver signing through a real ssh-agent', () => {
  let tmp: { dir: string; cleanup(): Promise<void> };
  let agent: TestAgent;
  let ctx: SimContext;
  let rsa: Awaited<ReturnType<typeof sshKeygen>>;
  let ecdsa: Awaited<ReturnType<typeof sshKeygen>>;
  let ed: Awaited<ReturnType<typeof sshKeygen>>;

  beforeAll(async () => {
    tmp = await tempDir();
    agent = await startSshAgent(tmp.dir);
    rsa = await sshKeygen(tmp.dir, 'agent_rsa', 'rsa', { bits: 2048 });
    ecdsa = await sshKeygen(tmp.dir, 'agent_ecdsa', 'ecdsa', { bits: 384 });
    ed = await sshKeygen(tmp.dir, 'agent_ed25519', 'ed25519');
    for (const k of [rsa, ecdsa, ed]) await agent.add(k.path);
    ctx = await startSim();
    ctx.sim.addAccount('agentuser', [
      { name: 'rsa', key: rsa.publicKey },
      { name: 'ecdsa', key: ecdsa.publicKey },
      { name: 'ed', key: ed.publicKey },
    ]);
  });
  afterAll(async () => {
    await ctx?.close();
    await agent?.stop();
    await tmp?.cleanup();
  });

  describe('signing through a real ssh-agent', () => {
    it.each([
      ['rsa', () => rsa, 'rsa-sha256', undefined],
      ['rsa (sha512)', () => rsa, 'rsa-sha512', 'rsa-sha512'],
      ['ecdsa p384', () => ecdsa, 'ecdsa-sha384', undefined],
      ['ed25519', () => ed, 'ed25519-sha512', undefined],
    ] as const)('%s is accepted by the simulator', async (_name, key, algorithm, requested) => {
      const k = key();
      const d = new JoyentNodeDriver('agentuser', k.sha256, {
        url: ctx.sim.url,
        useAgent: agent.socket,
        sshDir: false,
        algorithm: requested,
      });
      try {
        expect(await d.listNodes()).toEqual([]);
        const info = await d.exGetKeyInfo();
        expect(info).toMatchObject({ keyId: `/agentuser/keys/${k.md5}`, algorithm, source: `ssh-agent ${agent.socket}` });
        expect(String(ctx.sim.server.requests.at(-1)?.headers['authorization'])).toContain(`algorithm="${algorithm}"`);
      } finally {
        d.close();
      }
    });

    it('fromEnv finds the key in the agent by TRITON_KEY_ID', async () => {
      const home = path.join(tmp.dir, 'home');
      await mkdir(home, { recursive: true });
      const d = JoyentNodeDriver.fromEnv({
        HOME: home,
        TRITON_URL: ctx.sim.url,
        TRITON_ACCOUNT: 'agentuser',
        TRITON_KEY_ID: ecdsa.md5,
        SSH_AUTH_SOCK: agent.socket,
      });
      try {
        expect(await d.listNodes()).toEqual([]);
        expect((await d.exGetKeyInfo()).source).toContain('ssh-agent');
      } finally {
        d.close();
      }
    });

    it('fromEnv reads a Triton profile and falls back to ~/.ssh without an agent', async () => {
      const home = path.join(tmp.dir, 'home2');
      const sshDir = path.join(home, '.ssh');
      await mkdir(path.join(home, '.triton', 'profiles.d'), { recursive: true });
      await mkdir(sshDir, { recursive: true });
      const k = await sshKeygen(sshDir, 'id_ed25519', 'ed25519');
      ctx.sim.addAccount('profiled', [{ name: 'k', key: k.publicKey }]);
      await writeFile(
        path.join(home, '.triton', 'profiles.d', 'sim.json'),
        JSON.stringify({ name: 'sim', url: ctx.sim.url, account: 'profiled', keyId: k.sha256 }),
      );
      await writeFile(path.join(home, '.triton', 'config.json'), JSON.stringify({ profile: 'sim' }));
      const d = JoyentNodeDriver.fromEnv({ HOME: home });
      try {
        expect(await d.listNodes()).toEqual([]);
        expect((await d.exGetKeyInfo()).source).toBe(`file ${path.join(sshDir, 'id_ed25519')}`);
      } finally {
        d.close();
      }
    });

    it('without a key id, uses the agent only when it holds exactly one key', async () => {
      const d = new JoyentNodeDriver('agentuser', undefined, { url: ctx.sim.url, useAgent: agent.socket, sshDir: false });
      try {
        await expect(d.listNodes()).rejects.toThrow(/Cannot choose a key from the ssh-agent/);
      } finally {
        d.close();
      }
    });
  });
});
