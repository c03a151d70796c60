// A private OpenSSH server on 127.0.0.1 for the deploy tests and benchmark. Each call to
// startSshd() makes its own temp dir (sshd_config, host keys, client keys, known_hosts), picks a
// free port, creates a throw-away login user with useradd when running as root (the current user
// otherwise), runs /usr/sbin/sshd -D as a child process, and stop() undoes all of it. A detached
// watchdog shell also undoes it if this process dies without calling stop() (a crashed or killed
// jest worker): it waits for its stdin pipe from us to close.
// Key-only auth, StrictModes no, UsePAM no, internal-sftp. Plain JS so the benchmark can use it.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chmod, chown, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PASSPHRASE = 'cloudmux-passphrase';

/** Path of sshd, or throws a clear error telling what to install. */
export function findSshd() {
  for (const p of ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd']) if (existsSync(p)) return p;
  throw new Error(
    'OpenSSH server not found (no /usr/sbin/sshd): the deploy tests need a real sshd. Install it: apt-get install -y openssh-server openssh-client',
  );
}

/** Throws a clear error unless ssh-keygen (and optionally other client tools) exist. */
async function requireTool(name) {
  try {
    await run('sh', ['-c', `command -v ${name}`]);
  } catch {
    throw new Error(`${name} not found: the deploy tests need OpenSSH client tools. Install them: apt-get install -y openssh-client`);
  }
}

/** A free TCP port on 127.0.0.1 (the listener is closed again; sshd may lose a race, so callers retry). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves when a TCP connection to host:port receives an SSH banner. */
function waitForBanner(host, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const sock = net.connect(port, host);
      let buf = '';
      sock.setTimeout(1000);
      sock.on('data', (d) => {
        buf += d.toString('latin1');
        if (buf.startsWith('SSH-')) {
          sock.destroy();
          resolve();
        }
      });
      const retry = () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`sshd did not answer on ${host}:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      };
      sock.on('error', retry);
      sock.on('timeout', retry);
    };
    attempt();
  });
}

async function keygen(args) {
  await run('ssh-keygen', ['-q', ...args], { timeout: 30_000 });
}

/** Direct and indirect children of pid (from /proc). */
async function descendants(pid) {
  const parents = new Map();
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const m = /\) \S+ (\d+)/.exec(stat);
    if (m) parents.set(Number(entry), Number(m[1]));
  }
  const out = [];
  const walk = (p) => {
    for (const [child, parent] of parents)
      if (parent === p) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}

/** Pids of processes running as uid (sessions our sshd started for the throw-away user). */
async function processesOfUid(uid) {
  const pids = [];
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    const m = /^Uid:\s+(\d+)/m.exec(status);
    if (m && Number(m[1]) === uid) pids.push(Number(entry));
  }
  return pids;
}

async function useradd(user, home) {
  for (let i = 0; ; i++) {
    try {
      await run('useradd', ['--home-dir', home, '--no-create-home', '--shell', '/bin/sh', '--password', '*', '--no-user-group', user]);
      return;
    } catch (e) {
      // /etc/passwd lock held by a parallel useradd: wait and retry.
      if (i >= 20) throw new Error(`useradd ${user} failed: ${e.stderr || e.message}`);
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

async function userdel(user) {
  for (let i = 0; i < 20; i++) {
    try {
      await run('userdel', [user]);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

// Runs when our end of its stdin closes: after stop() (everything is already gone, so it does
// nothing) or when this process died. Kills the sshd named in the pid file, the throw-away
// user's processes (only while the user still exists with that uid), deletes the user and dir.
const WATCHDOG = `read _ignored
dir=$1; user=$2; uid=$3
[ -f "$dir/sshd.pid" ] && kill "$(cat "$dir/sshd.pid")" 2>/dev/null
if [ -n "$user" ] && [ "$(id -u "$user" 2>/dev/null)" = "$uid" ]; then
  sleep 0.2
  pkill -KILL -U "$uid" 2>/dev/null
  userdel "$user" 2>/dev/null
fi
rm -rf "$dir"`;

/** Starts the watchdog for dir (and the throw-away user, if any); returns a function that releases it. */
function startWatchdog(dir, user, uid) {
  const dog = spawn('/bin/sh', ['-c', WATCHDOG, 'cloudmux-sshd-watchdog', dir, user ?? '', String(uid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  dog.on('error', () => undefined);
  dog.stdin.on('error', () => undefined);
  dog.unref();
  dog.stdin.unref?.();
  return () => dog.stdin.end();
}

/**
 * Starts a private sshd. Options: `{ logLevel?: 'INFO'|'VERBOSE'|'DEBUG' }`.
 * Resolves with the harness: host, port, user, home, dir, keys, publicKeys, passphrase,
 * knownHostsFile, hostKeyFingerprints, hostPublicKeys, authorize(line), log(), stop().
 */
export async function startSshd(options = {}) {
  const sshd = findSshd();
  await requireTool('ssh-keygen');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cloudmux-sshd-'));
  let child;
  let user;
  let createdUser = false;
  let uid = -1;
  let releaseWatchdog = () => undefined;
  const cleanup = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const kids = await descendants(child.pid);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      for (const k of kids) {
        try {
          process.kill(k, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      let timer;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 3000)))]);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    if (createdUser) {
      // Anything still running as the throw-away user was started by this sshd.
      for (const pid of await processesOfUid(uid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await userdel(user);
    }
    await rm(dir, { recursive: true, force: true });
    releaseWatchdog();
  };
  try {
    // sshd reads authorized_keys as the login user: the state dir must be traversable.
    await chmod(dir, 0o711);
    const home = path.join(dir, 'home');
    await mkdir(home, { mode: 0o755 });
    if (isRoot) {
      user = `cmxt${Math.random().toString(36).slice(2, 10)}`;
      await useradd(user, home);
      createdUser = true;
      const { stdout } = await run('id', ['-u', user]);
      uid = Number(stdout.trim());
      await chown(home, uid, -1);
    } else {
      user = os.userInfo().username;
    }
    releaseWatchdog = startWatchdog(dir, createdUser ? user : undefined, uid);
    const hostDir = path.join(dir, 'hostkeys');
    const keyDir = path.join(dir, 'client');
    await mkdir(hostDir, { mode: 0o700 });
    await mkdir(keyDir, { mode: 0o700 });
    const keys = {
      ed25519: path.join(keyDir, 'id_ed25519'),
      rsa: path.join(keyDir, 'id_rsa'),
      rsaPem: path.join(keyDir, 'id_rsa_pem'),
      ed25519Encrypted: path.join(keyDir, 'id_ed25519_enc'),
      ecdsa: path.join(keyDir, 'id_ecdsa'),
    };
    await Promise.all([
      keygen(['-t', 'ed25519', '-N', '', '-C', 'host', '-f', path.join(hostDir, 'ssh_host_ed25519_key')]),
      keygen(['-t', 'rsa', '-b', '2048', '-N', '', '-C', 'host', '-f', path.join(hostDir, 'ssh_host_rsa_key')]),
      keygen(['-t', 'ecdsa', '-b', '256', '-N', '', '-C', 'host', '-f', path.join(hostDir, 'ssh_host_ecdsa_key')]),
      keygen(['-t', 'ed25519', '-N', '', '-C', 'client-ed25519', '-f', keys.ed25519]),
      keygen(['-t', 'rsa', '-b', '2048', '-N', '', '-C', 'client-rsa', '-f', keys.rsa]),
      keygen(['-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '', '-C', 'client-rsa-pem', '-f', keys.rsaPem]),
      keygen(['-t', 'ed25519', '-N', PASSPHRASE, '-C', 'client-ed25519-enc', '-f', keys.ed25519Encrypted]),
      keygen(['-t', 'ecdsa', '-b', '256', '-m', 'PKCS8', '-N', '', '-C', 'client-ecdsa', '-f', keys.ecdsa]),
    ]);
    const publicKeys = {};
    for (const [k, p] of Object.entries(keys)) publicKeys[k] = (await readFile(`${p}.pub`, 'utf8')).trim();
    const authorizedKeys = path.join(dir, 'authorized_keys');
    await writeFile(authorizedKeys, `${Object.values(publicKeys).join('\n')}\n`, { mode: 0o644 });
    await chmod(authorizedKeys, 0o644);

    const hostPublicKeys = {};
    const hostKeyFingerprints = {};
    for (const t of ['ed25519', 'rsa', 'ecdsa']) {
      const pub = path.join(hostDir, `ssh_host_${t}_key.pub`);
      hostPublicKeys[t] = (await readFile(pub, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
      const { stdout } = await run('ssh-keygen', ['-lf', pub, '-E', 'sha256']);
      hostKeyFingerprints[t] = stdout.split(/\s+/)[1];
    }

    if (isRoot) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    const log = path.join(dir, 'sshd.log');
    let port;
    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const conf = path.join(dir, 'sshd_config');
      await writeFile(
        conf,
        [
          `ListenAddress 127.0.0.1:${port}`,
          ...['ed25519', 'rsa', 'ecdsa'].map((t) => `HostKey ${path.join(hostDir, `ssh_host_${t}_key`)}`),
          `PidFile ${path.join(dir, 'sshd.pid')}`,
          `AllowUsers ${user}`,
          'PermitRootLogin no',
          'AuthenticationMethods publickey',
          'PubkeyAuthentication yes',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'HostbasedAuthentication no',
          `AuthorizedKeysFile ${authorizedKeys} .ssh/authorized_keys`,
          'StrictModes no',
          'UsePAM no',
          'UseDNS no',
          'PrintMotd no',
          'PrintLastLog no',
          'X11Forwarding no',
          'MaxSessions 64',
          'MaxStartups 128:30:256',
          'MaxAuthTries 10',
          'LoginGraceTime 30',
          `LogLevel ${options.logLevel ?? 'VERBOSE'}`,
          'Subsystem sftp internal-sftp',
          '',
        ].join('\n'),
      );
      await run(sshd, ['-t', '-f', conf]).catch((e) => {
        throw new Error(`sshd rejected its config: ${e.stderr || e.message}`);
      });
      await writeFile(log, '');
      child = spawn(sshd, ['-D', '-e', '-f', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr.on('data', (d) => void appendFile(log, d).catch(() => undefined));
      const exited = new Promise((resolve) => child.once('exit', () => resolve('exited')));
      const ready = waitForBanner('127.0.0.1', port, 10_000).then(() => 'ready');
      const outcome = await Promise.race([ready, exited]).catch((e) => e);
      if (outcome === 'ready') break;
      const text = await readFile(log, 'utf8').catch(() => '');
      if (child.exitCode === null) child.kill('SIGKILL');
      if (attempt < 4 && /Address already in use|Cannot bind/i.test(text)) continue;
      throw new Error(`sshd did not start: ${outcome instanceof Error ? outcome.message : 'it exited'}\n${text}`);
    }
    const knownHostsFile = path.join(dir, 'known_hosts');
    await writeFile(
      knownHostsFile,
      Object.values(hostPublicKeys)
        .map((k) => `[127.0.0.1]:${port} ${k}`)
        .join('\n') + '\n',
    );
    return {
      host: '127.0.0.1',
      port,
      user,
      home,
      dir,
      isRoot,
      keys,
      publicKeys,
      passphrase: PASSPHRASE,
      knownHostsFile,
      hostPublicKeys,
      hostKeyFingerprints,
      /** Lets a public key line log in. */
      authorize: (line) => appendFile(authorizedKeys, `${line.trim()}\n`),
      /** sshd's log so far. */
      log: () => readFile(log, 'utf8').catch(() => ''),
      stop: cleanup,
    };
  } catch (e) {
    await cleanup().catch(() => undefined);
    throw e;
  }
}
