import type { Socket } from 'node:net';
import { Router, SimulatorServer, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { ACTIONS } from './actions/index.js';
import { verifySigV4, type AuthSettings } from './auth.js';
import { isSignatureV2, verifySigV2 } from './auth-v2.js';
import { EC2_CONTENT_TYPE, Ec2Error, ec2ErrorReply } from './errors.js';
import { newRequestId } from './ids.js';
import { DEFAULT_CREDENTIALS, resolveOptions, type Ec2SimulatorCredentials, type Ec2SimulatorOptions } from './options.js';
import { QueryParams } from './params.js';
import { seedInstances, type Ec2SeedTemplate } from './seed.js';
import { Ec2State } from './state.js';
import { XmlWriter } from './xml-writer.js';

/** The EC2 API version whose namespace responses use when a request names none. */
export const EC2_API_VERSION = '2016-11-15';

/** A fault applied to one EC2 action (the kit's faults match method/path only, and every EC2 call is `POST /`). */
export type Ec2ActionFault = {
  /** Action name, e.g. `RunInstances`. */
  action: string;
  /** How many matching calls it applies to (default 1; `Infinity` for all). */
  times?: number | undefined;
} & (
  | { kind: 'error'; status: number; code: string; message?: string | undefined }
  | { kind: 'latency'; ms: number }
  | { kind: 'reset' }
  | { kind: 'reset-after-handling' }
);

/** One authenticated call as the simulator saw it. */
export interface Ec2CallLogEntry {
  /** Action name (`''` when missing). */
  action: string;
  /** Response request id. */
  requestId: string;
  /** HTTP status sent (0 when the connection was dropped by a fault). */
  status: number;
  /** EC2 error code, when the call failed. */
  errorCode: string | undefined;
  /** Access key that signed it, when authentication passed. */
  accessKeyId: string | undefined;
  /** Arrival time. */
  at: Date;
}

interface ActiveActionFault {
  fault: Ec2ActionFault;
  remaining: number;
}

const XML_HEADERS = { 'content-type': EC2_CONTENT_TYPE, server: 'AmazonEC2' };
const V2_AUTH_PARAMS = new Set([
  'AWSAccessKeyId',
  'SignatureVersion',
  'SignatureMethod',
  'Signature',
  'Timestamp',
  'Expires',
  'SecurityToken',
]);

/**
 * A stateful Amazon EC2 Query API simulator on loopback: verifies AWS Signature Version 4, answers with
 * EC2's XML documents and error bodies, pages with `NextToken`, honours `ClientToken` idempotency and
 * moves resources through EC2's states over time. Built on the core simulator kit, so
 * `server.injectFault(...)` and `server.requests` work; {@link Ec2Simulator.injectActionFault} targets one action.
 */
export class Ec2Simulator {
  /** The underlying kit server (fault injection, request log). */
  readonly server: SimulatorServer;
  /** Base URL (`http://127.0.0.1:PORT`; append a configured path such as `/services/compute` if any). */
  readonly url: string;
  /** Region the simulator is. */
  readonly region: string;
  /** Account id owning created resources. */
  readonly accountId: string;
  /** The simulated account (resources and pending transitions), for tests that look inside. */
  readonly state: Ec2State;
  /** Every call that reached the EC2 layer, in arrival order (the newest `requestLogLimit` when that option is set). */
  readonly calls: Ec2CallLogEntry[] = [];

  private readonly credentials: Map<string, Ec2SimulatorCredentials>;
  private readonly maxClockSkewMs: number;
  private readonly signatureV2: boolean;
  private readonly callLogLimit: number;
  private readonly actionFaults: ActiveActionFault[] = [];
  private readonly waits = new Set<() => void>();

  private constructor(
    server: SimulatorServer,
    state: Ec2State,
    credentials: Map<string, Ec2SimulatorCredentials>,
    options: Ec2SimulatorOptions,
  ) {
    this.server = server;
    this.url = server.url;
    this.state = state;
    this.region = state.options.region;
    this.accountId = state.options.accountId;
    this.credentials = credentials;
    this.maxClockSkewMs = state.options.maxClockSkewMs;
    this.signatureV2 = options.signatureV2 ?? false;
    this.callLogLimit = options.requestLogLimit ?? Infinity;
  }

  /** Starts a simulator on `127.0.0.1:0` (or the given host/port). */
  static async start(options: Ec2SimulatorOptions = {}): Promise<Ec2Simulator> {
    const resolved = resolveOptions(options);
    const state = new Ec2State(resolved, Date.now());
    const credentials = new Map<string, Ec2SimulatorCredentials>();
    for (const c of options.credentials ?? [DEFAULT_CREDENTIALS]) credentials.set(c.accessKeyId, { ...c });
    const holder: { sim?: Ec2Simulator } = {};
    const handle = (req: SimulatorRequest): Promise<SimulatorReply> => (holder.sim as Ec2Simulator).handle(req);
    const router = new Router({
      notFound: (req) => ec2ErrorReply(404, 'InvalidAction', `No EC2 endpoint at ${req.path}`, newRequestId()),
      methodNotAllowed: (req) =>
        ec2ErrorReply(405, 'InvalidAction', `The HTTP method ${req.method} is not supported; use GET or POST.`, newRequestId()),
    });
    for (const path of resolved.paths) router.add('POST', path, handle).add('GET', path, handle);
    const server = await SimulatorServer.start(router.handle, {
      host: options.host,
      port: options.port,
      requestLogLimit: options.requestLogLimit,
    });
    holder.sim = new Ec2Simulator(server, state, credentials, options);
    return holder.sim;
  }

  /** Accepts another access key from now on. */
  addCredentials(credentials: Ec2SimulatorCredentials): void {
    this.credentials.set(credentials.accessKeyId, { ...credentials });
  }

  /**
   * Creates `count` instances directly (no API call), `running` unless the template says otherwise:
   * for pagination tests and benchmarks. Returns their ids in launch order.
   */
  seedInstances(count: number, template: Ec2SeedTemplate = {}): string[] {
    return seedInstances(this.state, count, template, Date.now());
  }

  /** Applies a fault to the next `times` calls of one action (after authentication passed). */
  injectActionFault(fault: Ec2ActionFault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new RangeError(`Fault "times" must be positive, got ${times}`);
    this.actionFaults.push({ fault, remaining: times });
  }

  /** Removes pending action faults. */
  clearActionFaults(): void {
    this.actionFaults.length = 0;
  }

  /** Stops the server and drops every connection. */
  async close(): Promise<void> {
    for (const wake of this.waits) wake();
    this.waits.clear();
    await this.server.close();
  }

  private takeActionFault(action: string): Ec2ActionFault | undefined {
    const i = this.actionFaults.findIndex((f) => f.fault.action === action);
    if (i < 0) return undefined;
    const active = this.actionFaults[i] as ActiveActionFault;
    if (--active.remaining <= 0) this.actionFaults.splice(i, 1);
    return active.fault;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waits.add(done);
    });
  }

  private async dropConnection(req: SimulatorRequest): Promise<SimulatorReply> {
    const socket: Socket = req.raw.socket;
    await new Promise<void>((resolve) => {
      if (socket.destroyed) resolve();
      else {
        socket.once('close', () => resolve());
        socket.destroy();
      }
    });
    return { status: 0 };
  }

  private async handle(req: SimulatorRequest): Promise<SimulatorReply> {
    const now = Date.now();
    const requestId = newRequestId();
    const entry: Ec2CallLogEntry = { action: '', requestId, status: 0, errorCode: undefined, accessKeyId: undefined, at: new Date(now) };
    this.calls.push(entry);
    if (this.calls.length > this.callLogLimit) this.calls.splice(0, this.calls.length - this.callLogLimit);
    try {
      const formBody =
        req.method === 'POST' && !/json|xml/i.test(String(req.headers['content-type'] ?? '')) ? req.body.toString('utf8') : '';
      const all = QueryParams.parse(formBody, req.url.search.slice(1));
      const settings: AuthSettings = {
        credentials: this.credentials,
        region: this.region,
        service: 'ec2',
        maxClockSkewMs: this.maxClockSkewMs,
      };
      const v2 = isSignatureV2(req, all.entries());
      if (v2 && !this.signatureV2)
        throw new Ec2Error('AuthFailure', 'Signature Version 2 is not accepted here; sign requests with AWS Signature Version 4.', 401);
      const auth = v2 ? verifySigV2(req, all.entries(), settings, now) : await verifySigV4(req, req.url.searchParams, settings, now);
      entry.accessKeyId = auth.accessKeyId;
      const params = v2 ? all.without(V2_AUTH_PARAMS) : all;
      const action = params.get('Action');
      if (action === undefined || action === '') throw new Ec2Error('MissingAction', 'The request must contain the parameter Action');
      entry.action = action;
      const handler = Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
      if (!handler) throw new Ec2Error('InvalidAction', `The action ${action} is not valid for this web service.`);
      const fault = this.takeActionFault(action);
      if (fault?.kind === 'error') throw new Ec2Error(fault.code, fault.message ?? `Injected ${fault.code}`, fault.status);
      if (fault?.kind === 'reset') return await this.dropConnection(req);
      if (fault?.kind === 'latency') await this.sleep(fault.ms);
      if (params.bool('DryRun') === true)
        throw new Ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
      this.state.advance(Date.now());
      const version = params.get('Version');
      const w = new XmlWriter(
        `${action}Response`,
        `http://ec2.amazonaws.com/doc/${version && /^\d{4}-\d{2}-\d{2}$/.test(version) ? version : EC2_API_VERSION}/`,
      );
      w.leaf('requestId', requestId);
      await handler({ action, params, state: this.state, now: Date.now(), requestId }, w);
      const body = w.finish();
      if (fault?.kind === 'reset-after-handling') return await this.dropConnection(req);
      entry.status = 200;
      return { status: 200, headers: XML_HEADERS, body };
    } catch (err) {
      const e =
        err instanceof Ec2Error
          ? err
          : new Ec2Error('InternalError', `An internal error has occurred: ${err instanceof Error ? err.message : String(err)}`, 500);
      entry.status = e.status;
      entry.errorCode = e.code;
      return ec2ErrorReply(e.status, e.code, e.message, requestId);
    }
  }
}
