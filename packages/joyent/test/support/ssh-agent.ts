import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A real `ssh-agent` listening on a socket in `dir`. */
export interface TestAgent {
  socket: string;
  /** `ssh-add`s a private key file. */
  add(keyPath: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `ssh-agent -D -a <dir>/agent.sock` (foreground, so it is stopped by its own pid).
 * Fails loudly when OpenSSH's agent is not installed; tests never skip it silently.
 */
export async function startSshAgent(dir: string): Promise<TestAgent> {
  const socket = path.join(dir, 'agent.sock');
  try {
    await run('which', ['ssh-agent']);
  } catch {
    throw new Error(
      'ssh-agent is not installed: install OpenSSH client tools (apt-get install -y openssh-client) to run the ssh-agent tests',
    );
  }
  const child: ChildProcess = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    try {
      await access(socket);
      break;
    } catch {
      if (i > 100 || child.exitCode !== null) throw new Error(`ssh-agent did not create ${socket}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  return {
    socket,
    async add(keyPath: string): Promise<void> {
      await run('ssh-add', [keyPath], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
    },
    async stop(): Promise<void> {
      if (child.exitCode === null && child.pid !== undefined) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
