// An in-process SSH server (ssh2.Server) for the faults a real sshd cannot show on demand:
// a delayed or stalled banner, auth refusal, a connection dropped mid-script, a command that hangs.
// It keeps uploaded files in memory (a small SFTP subset) and "runs" uploaded scripts by
// reading markers in them (ssh2's server ignores `signal` requests once a command runs, so
// timeouts are observed here as the client closing the channel early):  `# fake:hang` (never finishes), `# fake:drop` (prints, then the
// TCP connection is cut), `# fake:exit N` (exits N); anything else prints "ran <args>".
import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import ssh2 from 'ssh2';
import { ed25519OpenSshPrivateKey } from '@cloudmux/core/ssh';
import type { Connection, ServerChannel, SFTPWrapper } from 'ssh2';

const { STATUS_CODE } = ssh2.utils.sftp;

/** Options of {@link FakeSshServer.start}. */
export interface FakeSshServerOptions {
  /** `accept` (any key/password), `reject` (everything), or accept only this password. */
  auth?: 'accept' | 'reject' | { password: string };
  /** TCP connections that get no banner at all (held open silently), before normal service. */
  stallFirstConnections?: number;
  /** Every served connection waits this long, silent, before the server sends its banner. */
  bannerDelayMs?: number;
}

interface FileEntry {
  data: Buffer;
  mode: number;
}

/** The fake server; see the file comment. */
export class FakeSshServer {
  /** TCP connections accepted. */
  connections = 0;
  /** Authentication requests seen (method names). */
  readonly authAttempts: string[] = [];
  /** Commands executed. */
  readonly execs: string[] = [];
  /** Exec channels that were closed by the client before the command finished. */
  closedEarly = 0;
  /** In-memory files by absolute path. */
  readonly files = new Map<string, FileEntry>();
  /** Host key SHA256 fingerprint is computed by the client; this is the private key. */
  readonly hostKey: string;
  private readonly held = new Set<net.Socket>();
  private readonly sshClients = new Set<Connection>();

  private constructor(
    private readonly tcp: net.Server,
    private readonly ssh: ssh2.Server,
    /** Port on 127.0.0.1. */
    readonly port: number,
    hostKey: string,
  ) {
    this.hostKey = hostKey;
  }

  /** Starts on 127.0.0.1, a free port. */
  static async start(options: FakeSshServerOptions = {}): Promise<FakeSshServer> {
    // Written by core, not ssh2.utils.generateKeyPairSync: ssh2 cannot parse about 1 in 370 of the Ed25519 keys its generator writes.
    const hostKey = ed25519OpenSshPrivateKey(generateKeyPairSync('ed25519').privateKey);
    const ref: { server?: FakeSshServer } = {};
    const ssh = new ssh2.Server({ hostKeys: [hostKey] }, (client) => ref.server!.onClient(client, options));
    const tcp = net.createServer((socket) => {
      const s = ref.server!;
      s.connections++;
      if (s.connections <= (options.stallFirstConnections ?? 0)) {
        s.held.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => s.held.delete(socket));
        return;
      }
      if (!options.bannerDelayMs) return ssh.injectSocket(socket);
      s.held.add(socket);
      socket.on('error', () => undefined);
      const timer = setTimeout(() => {
        s.held.delete(socket);
        if (!socket.destroyed) ssh.injectSocket(socket);
      }, options.bannerDelayMs);
      socket.on('close', () => {
        clearTimeout(timer);
        s.held.delete(socket);
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const port = (tcp.address() as net.AddressInfo).port;
    ref.server = new FakeSshServer(tcp, ssh, port, hostKey);
    return ref.server;
  }

  private onClient(client: Connection, options: FakeSshServerOptions): void {
    this.sshClients.add(client);
    client.on('close', () => this.sshClients.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      this.authAttempts.push(ctx.method);
      const auth = options.auth ?? 'accept';
      if (auth === 'reject') return ctx.reject(['publickey', 'password']);
      if (typeof auth === 'object') {
        if (ctx.method === 'password' && ctx.password === auth.password) return ctx.accept();
        return ctx.reject(['password']);
      }
      if (ctx.method === 'publickey' || ctx.method === 'password' || ctx.method === 'none') return ctx.accept();
      return ctx.reject();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('exec', (accept, _reject, info) => {
          const channel = accept();
          channel.resume(); // drain stdin, so 'end' and then 'close' can be emitted
          const state = { finished: false };
          this.execs.push(info.command);
          channel.on('close', () => {
            if (!state.finished) this.closedEarly++;
          });
          this.runCommand(info.command, channel, client, () => (state.finished = true));
        });
        session.on('sftp', (accept) => this.serveSftp(accept()));
      });
    });
  }

  private runCommand(command: string, channel: ServerChannel, client: Connection, finished: () => void): void {
    const words = command.match(/'[^']*'|\S+/g) ?? [];
    const unq = words.map((w) => (w.startsWith("'") ? w.slice(1, -1) : w));
    const scriptPath = unq.find((w) => this.files.has(w));
    const script = scriptPath ? this.files.get(scriptPath)!.data.toString('utf8') : command;
    const finish = (code: number): void => {
      finished();
      channel.exit(code);
      channel.end();
    };
    if (/fake:hang/.test(script)) {
      channel.write('started\n');
      return;
    }
    if (/fake:drop/.test(script)) {
      channel.write('partial output\n');
      setTimeout(() => {
        finished();
        (client as unknown as { _sock: net.Socket })._sock.destroy();
      }, 50);
      return;
    }
    const exit = /fake:exit (\d+)/.exec(script);
    if (exit) {
      channel.write('about to fail\n');
      channel.stderr.write('something went wrong\n');
      return finish(Number(exit[1]));
    }
    const args = scriptPath ? unq.slice(unq.indexOf(scriptPath) + 1) : unq;
    channel.write(`ran ${args.join('|')}\n`);
    finish(0);
  }

  private serveSftp(sftp: SFTPWrapper): void {
    const handles = new Map<string, { path: string }>();
    let next = 0;
    const attrs = (e: FileEntry | undefined, dir = false) => ({
      mode: dir ? 0o40755 : 0o100000 | (e?.mode ?? 0o644),
      uid: 0,
      gid: 0,
      size: e?.data.length ?? 0,
      atime: 0,
      mtime: 0,
    });
    const isDir = (p: string): boolean =>
      p === '/home/fake' || p === '/home' || p === '/' || [...this.files.keys()].some((f) => f.startsWith(`${p}/`)) || this.dirs.has(p);
    sftp.on('REALPATH', (id, p) => {
      const abs = p === '.' || p === '' ? '/home/fake' : p;
      sftp.name(id, [{ filename: abs, longname: abs, attrs: attrs(undefined, true) }]);
    });
    const stat = (id: number, p: string): void => {
      const f = this.files.get(p);
      if (f) return void sftp.attrs(id, attrs(f));
      if (isDir(p)) return void sftp.attrs(id, attrs(undefined, true));
      sftp.status(id, STATUS_CODE.NO_SUCH_FILE);
    };
    sftp.on('STAT', stat);
    sftp.on('LSTAT', stat);
    sftp.on('OPEN', (id, filename, flags, a) => {
      const write = (flags & ssh2.utils.sftp.OPEN_MODE.WRITE) !== 0;
      if (!write && !this.files.has(filename)) return void sftp.status(id, STATUS_CODE.NO_SUCH_FILE);
      if (write && (flags & ssh2.utils.sftp.OPEN_MODE.TRUNC || !this.files.has(filename))) {
        this.files.set(filename, { data: Buffer.alloc(0), mode: a.mode !== undefined ? a.mode & 0o7777 : 0o644 });
      }
      const h = Buffer.from(String(next++));
      handles.set(h.toString(), { path: filename });
      sftp.handle(id, h);
    });
    sftp.on('WRITE', (id, handle, offset, data) => {
      const h = handles.get(handle.toString());
      const f = h && this.files.get(h.path);
      if (!f) return void sftp.status(id, STATUS_CODE.FAILURE);
      const end = offset + data.length;
      const buf = Buffer.alloc(Math.max(end, f.data.length));
      f.data.copy(buf);
      data.copy(buf, offset);
      f.data = buf;
      sftp.status(id, STATUS_CODE.OK);
    });
    sftp.on('READ', (id, handle, offset, length) => {
      const h = handles.get(handle.toString());
      const f = h && this.files.get(h.path);
      if (!f) return void sftp.status(id, STATUS_CODE.FAILURE);
      if (offset >= f.data.length) return void sftp.status(id, STATUS_CODE.EOF);
      sftp.data(id, f.data.subarray(offset, offset + length));
    });
    sftp.on('FSTAT', (id, handle) => {
      const h = handles.get(handle.toString());
      sftp.attrs(id, attrs(h && this.files.get(h.path)));
    });
    sftp.on('CLOSE', (id, handle) => {
      handles.delete(handle.toString());
      sftp.status(id, STATUS_CODE.OK);
    });
    const setstat = (p: string | undefined, a: { mode?: number }): void => {
      const f = p ? this.files.get(p) : undefined;
      if (f && a.mode !== undefined) f.mode = a.mode & 0o7777;
    };
    sftp.on('SETSTAT', (id, p, a) => {
      setstat(p, a);
      sftp.status(id, STATUS_CODE.OK);
    });
    sftp.on('FSETSTAT', (id, handle, a) => {
      setstat(handles.get(handle.toString())?.path, a);
      sftp.status(id, STATUS_CODE.OK);
    });
    sftp.on('MKDIR', (id, p) => {
      this.dirs.add(p);
      sftp.status(id, STATUS_CODE.OK);
    });
    sftp.on('REMOVE', (id, p) => {
      sftp.status(id, this.files.delete(p) ? STATUS_CODE.OK : STATUS_CODE.NO_SUCH_FILE);
    });
  }

  private readonly dirs = new Set<string>();

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    for (const s of this.held) s.destroy();
    for (const c of this.sshClients) c.end();
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    await new Promise<void>((resolve) => this.ssh.close(() => resolve()));
  }
}
