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
