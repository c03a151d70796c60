import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rackspaceAuthFromEnv, resolveRackspaceAuth } from '@cloudmux/rackspace';
import { CLI_USAGE, runRackspaceSimulatorCli } from '@cloudmux/rackspace/simulator';

describe('cloudmux-rackspace-simulator', () => {
  it('prints RACKSPACE_* variables that authenticate against it', async () => {
    const lines: string[] = [];
    const handle = await runRackspaceSimulatorCli(['--user', 'ops', '--api-key', 'ops-key', '--speed', '5'], (l) => lines.push(l));
    try {
      const env = Object.fromEntries(
        lines.filter((l) => l.startsWith('export ')).map((l) => l.slice('export '.length).split('=', 2) as [string, string]),
      );
      expect(Object.keys(env).sort()).toEqual(['RACKSPACE_API_KEY', 'RACKSPACE_IDENTITY', 'RACKSPACE_REGION', 'RACKSPACE_USERNAME']);
      const { username, secret, options } = rackspaceAuthFromEnv(env);
      const { session } = resolveRackspaceAuth('rackspace', username, secret, options);
      expect(await session.projectId()).toBe(handle!.sim.accountId('ops'));
    } finally {
      await handle?.sim.stop();
    }
  });

  it('prints usage for --help and rejects a bad port or speed', async () => {
    const lines: string[] = [];
    expect(await runRackspaceSimulatorCli(['--help'], (l) => lines.push(l))).toBeUndefined();
    expect(lines).toEqual([CLI_USAGE]);
    await expect(runRackspaceSimulatorCli(['--port', '99999'], () => undefined)).rejects.toThrow(/--port must be 0..65535/);
    await expect(runRackspaceSimulatorCli(['--speed=0'], () => undefined)).rejects.toThrow(/--speed must be a positive number/);
    await expect(runRackspaceSimulatorCli(['--colour'], () => undefined)).rejects.toThrow(/colour/);
  });
});

const built = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/simulator/cli.js');

/** Runs the built command; resolves with its exit code and output once it exits. */
function runBuilt(
  args: string[],
  onLine?: (line: string, kill: () => void) => void,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [built, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      for (const line of out.split('\n')) onLine?.(line, () => child.kill('SIGINT'));
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

(existsSync(built) ? describe : describe.skip)('the built cloudmux-rackspace-simulator command', () => {
  it('serves until SIGINT, then stops and exits 0, even when the signal comes with its first line', async () => {
    let identity = '';
    let killed = false;
    const result = await runBuilt(['--speed', '5'], (line, kill) => {
      if (line.startsWith('export RACKSPACE_IDENTITY=')) identity = line.slice('export RACKSPACE_IDENTITY='.length);
      if (!killed && line.includes('listening on')) {
        killed = true;
        kill();
      }
    });
    expect(identity).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/identity\/v2\.0$/);
    expect(result.out).toContain('SIGINT: stopping the simulator');
    expect(result.code).toBe(0);
  });

  it('exits 2 with the message on a bad argument', async () => {
    const result = await runBuilt(['--port', 'x']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('--port must be 0..65535');
  });
});
