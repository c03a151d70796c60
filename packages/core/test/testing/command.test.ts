import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/testing/command.js');

/**
 * A command whose start prints its address, then takes `startMs` more before it is serving (as a
 * simulator that seeds itself does); its stop prints "stopped".
 */
function script(startMs: number): string {
  return `
import { runSimulatorCommand } from ${JSON.stringify(pathToFileURL(built).href)};
runSimulatorCommand(async (argv, print) => {
  if (argv.includes('--help')) { print('usage'); return undefined; }
  print('listening on 127.0.0.1:0');
  await new Promise((r) => setTimeout(r, ${startMs}));
  const keepAlive = setInterval(() => {}, 1000);
  return async () => { clearInterval(keepAlive); console.log('stopped'); };
});`;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'cloudmux-command-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs a command script; sends SIGINT once `signalOn` appears in its output (never hangs: SIGKILL after 10 s). */
async function run(
  source: string,
  args: string[],
  signalOn: string | undefined,
): Promise<{ code: number | null; signal: string | null; out: string }> {
  const file = path.join(dir, `command-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, source);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    let out = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (signalOn !== undefined && !sent && out.includes(signalOn)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

(existsSync(built) ? describe : describe.skip)('runSimulatorCommand', () => {
  it('stops cleanly on a SIGINT that arrives while the simulator is still starting', async () => {
    const r = await run(script(300), [], 'listening on');
    expect(r.signal).toBeNull();
    expect(r.out).toContain('SIGINT: stopping the simulator');
    expect(r.out).toContain('stopped');
    expect(r.code).toBe(0);
  });

  it('stops cleanly on a SIGINT once serving', async () => {
    const r = await run(script(0), [], 'listening on');
    expect(r.code).toBe(0);
    expect(r.out).toContain('stopped');
  });

  it('exits on its own when there is nothing to serve (--help)', async () => {
    const r = await run(script(0), ['--help'], undefined);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe('usage');
  });
});
