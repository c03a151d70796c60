import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Fault, RequestLogEntry, SimulatorHandler, SimulatorReply, SimulatorRequest } from './types.js';
import { SimulatorHttpError, replyBodyBytes } from './reply.js';
import { faultMatches } from './faults.js';

/** Options of {@link SimulatorServer.start}. */
export interface SimulatorServerOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string | undefined;
  /** Port (default 0: any free port). */
  port?: number | undefined;
  /** Serve HTTPS with this key pair instead of plain HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer } | undefined;
  /** Keep only the newest this many request log entries (default: all). Useful for long benchmarks. */
  requestLogLimit?: number | undefined;
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

/**
 * A real HTTP server on loopback for provider simulators and tests. It reads each request body whole,
 * logs every request in {@link SimulatorServer.requests}, and applies injected {@link Fault}s
 * (status, latency, reset, truncate, hang, reset-after-handling) before or instead of the handler.
 * A handler that throws answers 500 (or the reply of a thrown {@link SimulatorHttpError}).
 */
export class SimulatorServer {
  /** Base URL, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Port the server listens on. */
  readonly port: number;
  /** Every request received, in arrival order. */
  readonly requests: RequestLogEntry[] = [];

  private readonly server: http.Server;
  private readonly handler: SimulatorHandler;
  private readonly faults: ActiveFault[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly logLimit: number;

  private constructor(server: http.Server, handler: SimulatorHandler, url: string, port: number, logLimit: number) {
    this.server = server;
    this.handler = handler;
    this.logLimit = logLimit;
    this.url = url;
    this.port = port;
  }

  /** Starts a server on `127.0.0.1:0` (or the given host/port) that answers with `handler`. */
  static async start(handler: SimulatorHandler, options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
    const host = options.host ?? '127.0.0.1';
    const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }) : http.createServer();
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const urlHost = host.includes(':') ? `[${host}]` : host;
    const sim = new SimulatorServer(
      server,
      handler,
      `${options.tls ? 'https' : 'http'}://${urlHost}:${port}`,
      port,
      options.requestLogLimit ?? Infinity,
    );
    server.on('connection', (socket: Socket) => sim.track(socket));
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => sim.onRequest(req, res));
    return sim;
  }

  /** Adds a fault; it applies to the next `times` (default 1) matching requests, oldest fault first. */
  injectFault(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new RangeError(`Fault "times" must be positive, got ${times}`);
    this.faults.push({ fault, remaining: times });
  }

  /** Removes every pending fault. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Empties the request log. */
  clearRequests(): void {
    this.requests.length = 0;
  }

  /** Stops listening and destroys every open socket, including hung and keep-alive ones. Idempotent. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.closed = true;
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
    this.closing = new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
      this.sockets.clear();
    });
    return this.closing;
  }

  private track(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private takeFault(method: string, path: string): Fault | undefined {
    for (let i = 0; i < this.faults.length; i++) {
      const active = this.faults[i]!;
      if (!faultMatches(active.fault, method, path)) continue;
      active.remaining -= 1;
      if (active.remaining <= 0) this.faults.splice(i, 1);
      return active.fault;
    }
    return undefined;
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const at = new Date();
    // With TLS, req.socket is the TLS wrapper of the tracked TCP socket; track it as well.
    if (!this.sockets.has(req.socket)) this.track(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => req.socket.destroy());
    req.on('end', () => {
      this.process(req, res, Buffer.concat(chunks), at).catch((err: unknown) => {
        // Last resort: the reply itself failed; make the failure visible to the client.
        if (!res.headersSent && !res.destroyed) {
          res.statusCode = 500;
          res.end(String(err));
        } else {
          req.socket.destroy();
        }
      });
    });
  }

  private async process(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, at: Date): Promise<void> {
    const rawPath = req.url ?? '/';
    const url = new URL(rawPath, this.url);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      path = url.pathname;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const request: SimulatorRequest = { method, url, path, rawPath, headers: req.headers, body, raw: req };
    const fault = this.takeFault(method, path);
    const entry: RequestLogEntry = { method, path: rawPath, headers: req.headers, status: 0, fault: fault?.kind, at };
    this.requests.push(entry);
    if (this.requests.length > this.logLimit) this.requests.splice(0, this.requests.length - this.logLimit);

    if (!fault) return this.send(res, await this.runHandler(request), entry);
    switch (fault.kind) {
      case 'status':
        return this.send(res, { status: fault.status, headers: fault.headers, body: fault.body }, entry);
      case 'latency':
        if (!(await this.delay(fault.ms))) return;
        return this.send(res, await this.runHandler(request), entry);
      case 'reset':
        req.socket.destroy();
        return;
      case 'hang':
        return; // never answered; close() destroys the socket
      case 'reset-after-handling':
        await this.runHandler(request);
        req.socket.destroy();
        return;
      case 'truncate':
        return this.sendTruncated(res, await this.runHandler(request), fault.bytes, entry);
    }
  }

  private async runHandler(request: SimulatorRequest): Promise<SimulatorReply> {
    try {
      return await this.handler(request);
    } catch (err) {
      if (err instanceof SimulatorHttpError) return err.reply;
      const message = err instanceof Error ? err.message : String(err);
      return {
        status: 500,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'SimulatorHandlerError', message }),
      };
    }
  }

  private delay(ms: number): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(!this.closed);
      }, ms);
      this.timers.set(timer, () => resolve(false));
    });
  }

  private writeHead(res: http.ServerResponse, reply: SimulatorReply, length: number, json: boolean): void {
    res.statusCode = reply.status;
    let hasType = false;
    let hasLength = false;
    if (reply.headers) {
      for (const [name, value] of Object.entries(reply.headers)) {
        const lower = name.toLowerCase();
        if (lower === 'content-type') hasType = true;
        if (lower === 'content-length') hasLength = true;
        res.setHeader(name, value);
      }
    }
    if (json && !hasType) res.setHeader('content-type', 'application/json');
    if (!hasLength && reply.status !== 204 && reply.status !== 304) res.setHeader('content-length', length);
  }

  private send(res: http.ServerResponse, reply: SimulatorReply, entry: RequestLogEntry): void {
    if (res.destroyed) return;
    const { bytes, json } = replyBodyBytes(reply);
    this.writeHead(res, reply, bytes.length, json);
    entry.status = reply.status;
    res.end(bytes);
  }

  private sendTruncated(res: http.ServerResponse, reply: SimulatorReply, bytes: number | undefined, entry: RequestLogEntry): void {
    if (res.destroyed) return;
    const body = replyBodyBytes(reply);
    const declared = Math.max(body.bytes.length, 16);
    const sent = Math.max(0, Math.min(bytes ?? Math.floor(body.bytes.length / 2), declared - 1, body.bytes.length));
    this.writeHead(res, { ...reply, headers: { ...reply.headers, 'content-length': String(declared) } }, declared, body.json);
    entry.status = reply.status;
    res.flushHeaders();
    res.write(body.bytes.subarray(0, sent), () => res.socket?.destroy());
    if (sent === 0) setImmediate(() => res.socket?.destroy());
  }
}
