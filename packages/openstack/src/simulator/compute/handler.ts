/**
 * The wrapper every Nova route goes through: token check (keystonemiddleware's 401), microversion check
 * (400/406), and Nova's response headers (`OpenStack-API-Version`, `x-compute-request-id`).
 * @module
 */
import { SimulatorHttpError, jsonReply, parseJsonBody, type SimulatorReply, type SimulatorRequest } from '@cloudmux/core/testing';
import { obj, type Json } from '../json.js';
import type { ProjectToken, SimulatorWorld } from '../world.js';
import { novaError } from './errors.js';
import { requestedMicroversion, versionHeaders, type Microversion } from './microversion.js';
import { computeStore, type ComputeStore } from './store.js';

/** What a Nova route handler gets. */
export interface NovaCall {
  req: SimulatorRequest;
  params: Record<string, string>;
  token: ProjectToken;
  version: Microversion;
  store: ComputeStore;
  world: SimulatorWorld;
  /** `http://127.0.0.1:PORT/compute/v2.1`. */
  base: string;
}

/** A Nova route body. */
export type NovaHandler = (call: NovaCall) => SimulatorReply;

/** Wraps a Nova handler with auth, microversion and headers. */
export function nova(
  world: SimulatorWorld,
  handler: NovaHandler,
): (req: SimulatorRequest, params: Record<string, string>) => SimulatorReply {
  return (req, params) => {
    const requestId = world.requestId();
    const ids = { 'x-compute-request-id': requestId, 'x-openstack-request-id': requestId };
    let reply: SimulatorReply;
    try {
      const token = world.authenticate(req);
      const version = requestedMicroversion(req);
      const out = handler({ req, params, token, version, store: computeStore(world), world, base: `${world.url}/compute/v2.1` });
      reply = { ...out, headers: { ...out.headers, ...versionHeaders(version) } };
    } catch (err) {
      if (!(err instanceof SimulatorHttpError)) throw err;
      reply = err.reply;
    }
    return { ...reply, headers: { ...reply.headers, ...ids } };
  };
}

/** The JSON body's `key` object, or a 400 naming what is missing. */
export function bodyObject(req: SimulatorRequest, key: string): Json {
  const body = obj(parseJsonBody(req));
  const inner = obj(body?.[key]);
  if (!inner) novaError(400, `Invalid input for field/attribute ${key}. Value: None. None is not of type 'object'`);
  return inner;
}

/** 200/202 JSON reply. */
export function ok(status: number, body: unknown, headers?: Record<string, string>): SimulatorReply {
  return jsonReply(status, body, headers);
}

/** An empty reply (204, or 202 for accepted actions). */
export function empty(status: number, headers?: Record<string, string>): SimulatorReply {
  return { status, headers: { ...headers }, body: '' };
}
