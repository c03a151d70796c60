import { randomUUID } from 'node:crypto';
import { Router, SimulatorServer, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { verifySigV4, type AuthSettings } from '../auth.js';
import { Ec2Error } from '../errors.js';
import { DEFAULT_CREDENTIALS, type Ec2SimulatorCredentials } from '../options.js';
import { InvalidChangeBatchError, invalidChangeBatchReply, route53ErrorReply, Route53SimError } from './errors.js';
import * as h from './handlers.js';
import { Route53SimState } from './state.js';

/** Options of {@link Route53Simulator.start}. */
export interface Route53SimulatorOptions {
  /** Accepted credentials (default: the EC2 simulator's `DEFAULT_CREDENTIALS`). */
  credentials?: readonly Ec2SimulatorCredentials[] | undefined;
  /** How long a change stays `PENDING` before `INSYNC` (default 1000 ms; Route 53 takes about a minute). */
  syncDelayMs?: number | undefined;
  /** Largest accepted clock difference of a signature (default 15 min, as AWS). */
  maxClockSkewMs?: number | undefined;
  /** Host to bind (default 127.0.0.1). */
  host?: string | undefined;
  /** Port (default 0: any free port). */
  port?: number | undefined;
}

/** An error answered instead of the next `times` calls of one operation (after authentication passed). */
export interface Route53OperationFault {
  /** Operation, e.g. `ChangeResourceRecordSets`. */
  operation: string;
  /** Error code (`Throttling`, `PriorRequestNotComplete`, `ServiceUnavailable`…). */
  code: string;
  /** HTTP status (default 400). */
  status?: number | undefined;
  /** Message. */
  message?: string | undefined;
  /** How many calls (default 1). */
  times?: number | undefined;
}

const ROUTES: readonly (readonly [string, string, string, h.Route53Handler])[] = [
  ['GET', '/2013-04-01/hostedzone', 'ListHostedZones', h.listHostedZones],
  ['POST', '/2013-04-01/hostedzone', 'CreateHostedZone', h.createHostedZone],
  ['GET', '/2013-04-01/hostedzonesbyname', 'ListHostedZonesByName', h.listHostedZonesByName],
  ['GET', '/2013-04-01/hostedzone/:id', 'GetHostedZone', h.getHostedZone],
  ['POST', '/2013-04-01/hostedzone/:id', 'UpdateHostedZoneComment', h.updateHostedZoneComment],
  ['DELETE', '/2013-04-01/hostedzone/:id', 'DeleteHostedZone', h.deleteHostedZone],
  ['GET', '/2013-04-01/hostedzone/:id/rrset', 'ListResourceRecordSets', h.listResourceRecordSets],
  ['POST', '/2013-04-01/hostedzone/:id/rrset', 'ChangeResourceRecordSets', h.changeResourceRecordSets],
  ['GET', '/2013-04-01/change/:id', 'GetChange', h.getChange],
];

/** EC2-style authentication errors as Route 53 words them (all 403, as Route 53 answers). */
function authError(e: Ec2Error): Route53SimError {
  if (e.code === 'MissingParameter') return new Route53SimError('MissingAuthenticationToken', 'Missing Authentication Token', 403);
  if (e.code === 'AuthFailure')
    return new Route53SimError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  return new Route53SimError(e.code, e.message, 403);
}

/**
 * A stateful Amazon Route 53 simulator on loopback (REST-XML API 2013-04-01): verifies SigV4 (service
 * `route53`, region `us-east-1`) with the EC2 simulator's independent verifier, answers with Route 53's
 * documents, `ErrorResponse` and `InvalidChangeBatch` bodies, pages zones with `marker` and record sets
 * with `name`/`type`/`identifier`, applies change batches atomically and moves changes from `PENDING`
 * to `INSYNC` after `syncDelayMs`. Unknown routes answer 404 `InvalidAction`.
 */
export class Route53Simulator {
  /** The underlying kit server (fault injection, request log). */
  readonly server: SimulatorServer;
  /** Base URL (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** Zones, record sets and changes, for tests that look inside. */
  readonly state: Route53SimState;
  readonly #credentials = new Map<string, Ec2SimulatorCredentials>();
  readonly #maxClockSkewMs: number;
  readonly #faults: { fault: Route53OperationFault; remaining: number }[] = [];

  private constructor(server: SimulatorServer, state: Route53SimState, options: Route53SimulatorOptions) {
    this.server = server;
    this.url = server.url;
    this.state = state;
    this.#maxClockSkewMs = options.maxClockSkewMs ?? 15 * 60_000;
    for (const c of options.credentials ?? [DEFAULT_CREDENTIALS]) this.#credentials.set(c.accessKeyId, { ...c });
  }

  /** Starts a simulator on `127.0.0.1:0` (or the given host/port). */
  static async start(options: Route53SimulatorOptions = {}): Promise<Route53Simulator> {
    const state = new Route53SimState(options.syncDelayMs ?? 1000);
    const holder: { sim?: Route53Simulator } = {};
    const router = new Router({
      notFound: (req) => route53ErrorReply(404, 'InvalidAction', `No Route 53 operation at ${req.method} ${req.path}`, randomUUID()),
      methodNotAllowed: (req) =>
        route53ErrorReply(405, 'InvalidAction', `The HTTP method ${req.method} is not allowed on ${req.path}`, randomUUID()),
    });
    for (const [method, path, operation, handler] of ROUTES) {
      router.add(method, path, (req, params) => (holder.sim as Route53Simulator).#handle(req, params, operation, handler));
    }
    const server = await SimulatorServer.start(router.handle, { host: options.host, port: options.port });
    holder.sim = new Route53Simulator(server, state, options);
    return holder.sim;
  }

  /** Fails the next `times` calls of one operation with a Route 53 error (`Throttling` to test retries). */
  injectOperationFault(fault: Route53OperationFault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new RangeError(`Fault "times" must be positive, got ${times}`);
    this.#faults.push({ fault, remaining: times });
  }

  /** Creates `count` A record sets `host-N.<zone>` in a zone directly (no API call). */
  seedRecords(zoneId: string, count: number, valuesPerSet = 1): void {
    this.state.seedRecords(zoneId, count, valuesPerSet);
  }

  /** Stops the server. */
  async close(): Promise<void> {
    await this.server.close();
  }

  async #handle(
    req: SimulatorRequest,
    params: Record<string, string>,
    operation: string,
    handler: h.Route53Handler,
  ): Promise<SimulatorReply> {
    const requestId = randomUUID();
    try {
      const settings: AuthSettings = {
        credentials: this.#credentials,
        region: 'us-east-1',
        service: 'route53',
        maxClockSkewMs: this.#maxClockSkewMs,
      };
      try {
        await verifySigV4(req, req.url.searchParams, settings, Date.now());
      } catch (err) {
        throw err instanceof Ec2Error ? authError(err) : err;
      }
      const i = this.#faults.findIndex((f) => f.fault.operation === operation);
      const active = this.#faults[i];
      if (active !== undefined) {
        if (--active.remaining <= 0) this.#faults.splice(i, 1);
        const f = active.fault;
        throw new Route53SimError(f.code, f.message ?? `Injected ${f.code}`, f.status ?? 400);
      }
      return handler({ state: this.state, params, query: req.url.searchParams, body: req.body, requestId });
    } catch (err) {
      if (err instanceof InvalidChangeBatchError) return invalidChangeBatchReply(err.messages, requestId);
      if (err instanceof Route53SimError) return route53ErrorReply(err.status, err.code, err.message, requestId);
      return route53ErrorReply(
        500,
        'InternalFailure',
        `An internal error occurred: ${err instanceof Error ? err.message : String(err)}`,
        requestId,
      );
    }
  }
}
