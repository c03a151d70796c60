import type { Socket } from 'node:net';
import { Router, SimulatorServer, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { verifySigV4, type AuthSettings } from '../auth.js';
import { Ec2Error } from '../errors.js';
import { newRequestId } from '../ids.js';
import { DEFAULT_CREDENTIALS, type Ec2SimulatorCredentials } from '../options.js';
import { QueryParams } from '../params.js';
import { XmlWriter } from '../xml-writer.js';
import { CLASSIC_ACTIONS } from './classic-actions.js';
import type { ElbAction } from './context.js';
import { ELB_CONTENT_TYPE, ElbError, elbErrorReply, elbNamespace } from './errors.js';
import type { ElbSimulatorOptions } from './model.js';
import { ElbState, resolveElbOptions } from './state.js';
import { BALANCER_ACTIONS } from './v2-balancers.js';
import { TARGET_ACTIONS } from './v2-targets.js';

/** Classic ELB API version. */
const CLASSIC = '2012-06-01';
/** ELBv2 API version. */
const V2 = '2015-12-01';

const ACTIONS: Readonly<Record<string, Readonly<Record<string, ElbAction>>>> = Object.freeze({
  [CLASSIC]: CLASSIC_ACTIONS,
  [V2]: Object.freeze({ ...BALANCER_ACTIONS, ...TARGET_ACTIONS }),
});

/** A fault applied to one ELB action (every call is `POST /`, so the kit's path faults cannot tell them apart). */
export type ElbActionFault = {
  /** Action name, e.g. `CreateLoadBalancer`. */
  action: string;
  /** How many matching calls it applies to (default 1). */
  times?: number | undefined;
} & ({ kind: 'error'; status: number; code: string; message?: string | undefined } | { kind: 'latency'; ms: number } | { kind: 'reset' });

/** EC2 verifier codes → what ELB answers for the same problem. */
function authError(e: Ec2Error): ElbError {
  if (e.code === 'AuthFailure') return new ElbError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  if (e.code === 'MissingParameter') return new ElbError('MissingAuthenticationToken', 'Missing Authentication Token', 403);
  return new ElbError(e.code, e.message, e.status);
}

/**
 * A stateful Elastic Load Balancing simulator on loopback serving both APIs on one endpoint, as AWS
 * does (the `Version` parameter picks classic 2012-06-01 or v2 2015-12-01): verifies SigV4 for
 * `elasticloadbalancing`, answers with ELB's XML documents (`<member>` lists, the version's
 * namespace) and `<ErrorResponse>` bodies, pages with `Marker`/`NextMarker` (`maxPageSize` forces
 * small pages), moves v2 balancers `provisioning` → `active` and targets/instances `initial` →
 * `healthy` (`OutOfService` → `InService`) over time, and drains deregistered targets.
 */
export class ElbSimulator {
  /** The underlying kit server (fault injection, request log). */
  readonly server: SimulatorServer;
  /** Base URL (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** The simulated account, for tests that look inside. */
  readonly state: ElbState;
  /** Actions answered, in arrival order (`''` when the request failed before naming one). */
  readonly calls: { action: string; version: string; status: number; errorCode: string | undefined }[] = [];

  readonly #credentials: Map<string, Ec2SimulatorCredentials>;
  readonly #faults: { fault: ElbActionFault; remaining: number }[] = [];
  #offsetMs = 0;

  private constructor(server: SimulatorServer, state: ElbState, credentials: Map<string, Ec2SimulatorCredentials>) {
    this.server = server;
    this.url = server.url;
    this.state = state;
    this.#credentials = credentials;
  }

  /** Starts a simulator on `127.0.0.1:0` (or the given host/port). */
  static async start(options: ElbSimulatorOptions = {}): Promise<ElbSimulator> {
    const state = new ElbState(resolveElbOptions(options));
    const credentials = new Map<string, Ec2SimulatorCredentials>();
    for (const c of options.credentials ?? [DEFAULT_CREDENTIALS]) credentials.set(c.accessKeyId, { ...c });
    const holder: { sim?: ElbSimulator } = {};
    const router = new Router({
      notFound: (req) =>
        elbErrorReply(V2, 404, 'UnknownOperationException', `No Elastic Load Balancing endpoint at ${req.path}`, newRequestId()),
      methodNotAllowed: (req) =>
        elbErrorReply(V2, 405, 'UnknownOperationException', `The HTTP method ${req.method} is not supported; use POST.`, newRequestId()),
    });
    const handle = (req: SimulatorRequest): Promise<SimulatorReply> => (holder.sim as ElbSimulator).#handle(req);
    router.add('POST', '/', handle).add('GET', '/', handle);
    const server = await SimulatorServer.start(router.handle, { host: options.host, port: options.port });
    holder.sim = new ElbSimulator(server, state, credentials);
    return holder.sim;
  }

  /** Applies a fault to the next `times` calls of one action (after authentication passed). */
  injectActionFault(fault: ElbActionFault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new RangeError(`Fault "times" must be positive, got ${times}`);
    this.#faults.push({ fault, remaining: times });
  }

  /** Forces an ELBv2 balancer (by ARN or name) into a state (`failed`, `active_impaired`…); `undefined` returns it to the timed states. */
  setBalancerState(arnOrName: string, code: string | undefined, reason?: string): void {
    const b = this.state.balancers.get(arnOrName) ?? [...this.state.balancers.values()].find((x) => x.name === arnOrName);
    if (!b) throw new Error(`No ELBv2 balancer ${arnOrName}`);
    b.forcedState = code === undefined ? undefined : { code, reason };
  }

  /**
   * Moves the simulated clock forward by `ms` for state transitions (provisioning, health, draining):
   * tests see a transition without waiting for it. Signature times are still checked against the real clock.
   */
  elapse(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`elapse: ms must be >= 0, got ${ms}`);
    this.#offsetMs += ms;
  }

  /** Stops the server and drops every connection. */
  async close(): Promise<void> {
    await this.server.close();
  }

  #takeFault(action: string): ElbActionFault | undefined {
    const i = this.#faults.findIndex((f) => f.fault.action === action);
    if (i < 0) return undefined;
    const active = this.#faults[i] as { fault: ElbActionFault; remaining: number };
    if (--active.remaining <= 0) this.#faults.splice(i, 1);
    return active.fault;
  }

  async #handle(req: SimulatorRequest): Promise<SimulatorReply> {
    const requestId = newRequestId();
    const entry = { action: '', version: '', status: 0, errorCode: undefined as string | undefined };
    this.calls.push(entry);
    let version = V2;
    try {
      const form = req.method === 'POST' ? req.body.toString('utf8') : '';
      const params = QueryParams.parse(form, req.url.search.slice(1));
      const asked = params.get('Version');
      if (asked === CLASSIC) version = CLASSIC;
      const settings: AuthSettings = {
        credentials: this.#credentials,
        region: this.state.options.region,
        service: 'elasticloadbalancing',
        maxClockSkewMs: this.state.options.maxClockSkewMs,
      };
      const scoped = /Credential=[^/,]+\/\d{8}\/([^/,]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
      if (scoped !== undefined && scoped !== settings.region)
        throw new ElbError('SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${scoped}'. `, 403);
      try {
        await verifySigV4(req, req.url.searchParams, settings, Date.now());
      } catch (err) {
        throw err instanceof Ec2Error ? authError(err) : err;
      }
      const action = params.get('Action') ?? '';
      entry.action = action;
      entry.version = asked ?? '';
      if (action === '') throw new ElbError('MissingAction', 'The request must contain the parameter Action');
      if (asked === undefined) throw new ElbError('MissingParameter', 'The request must contain the parameter Version');
      const table = Object.prototype.hasOwnProperty.call(ACTIONS, asked) ? ACTIONS[asked] : undefined;
      if (!table) throw new ElbError('InvalidAction', `Could not find operation ${action} for version ${asked}`);
      const handler = Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined;
      if (!handler) throw new ElbError('InvalidAction', `Could not find operation ${action} for version ${asked}`);
      const fault = this.#takeFault(action);
      if (fault?.kind === 'error') throw new ElbError(fault.code, fault.message ?? `Injected ${fault.code}`, fault.status);
      if (fault?.kind === 'reset') return await dropConnection(req);
      if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms));
      const now = Date.now() + this.#offsetMs;
      this.state.advance(now);
      const w = new XmlWriter(`${action}Response`, elbNamespace(version));
      w.open(`${action}Result`);
      handler({ params, state: this.state, now }, w);
      w.close();
      w.element('ResponseMetadata', () => w.leaf('RequestId', requestId));
      entry.status = 200;
      return { status: 200, headers: { 'content-type': ELB_CONTENT_TYPE, 'x-amzn-requestid': requestId }, body: w.finish() };
    } catch (err) {
      const e =
        err instanceof ElbError
          ? err
          : err instanceof Ec2Error
            ? new ElbError(
                err.code === 'MissingParameter' || err.code === 'InvalidParameterValue' ? 'ValidationError' : err.code,
                err.message,
                err.status,
              )
            : new ElbError('InternalFailure', `An internal error has occurred: ${err instanceof Error ? err.message : String(err)}`, 500);
      entry.status = e.status;
      entry.errorCode = e.code;
      return elbErrorReply(version, e.status, e.code, e.message, requestId);
    }
  }
}

async function dropConnection(req: SimulatorRequest): Promise<SimulatorReply> {
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
