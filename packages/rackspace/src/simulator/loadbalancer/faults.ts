/**
 * Replies of the simulated Cloud Load Balancers API: its JSON fault bodies, request parsing, and the
 * account check every route runs.
 * @module
 */
import { SimulatorHttpError, jsonReply, type SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';

/** Throws the API's fault `{ "message", "code" }` with `status`. */
export function clbFail(status: number, message: string): never {
  throw new SimulatorHttpError(jsonReply(status, { message, code: status }));
}

/** Throws a 400 validation fault listing every message. */
export function invalid(messages: readonly string[]): never {
  throw new SimulatorHttpError(jsonReply(400, { validationErrors: { messages }, message: 'Validation Failure', code: 400 }));
}

/** Throws the 422 a write gets while the balancer is not `ACTIVE`. */
export function immutable(id: number, status: string): never {
  clbFail(422, `Load Balancer '${id}' has a status of '${status}' and is considered immutable.`);
}

/** Authorizes a request: a valid token (401 otherwise) whose project is the path's account (403 otherwise). */
export function authorize(world: SimulatorWorld, req: SimulatorRequest, account: string): void {
  const token = world.authenticate(req);
  if (token.project.id !== account) clbFail(403, 'The token is not valid for this account.');
}

/** The JSON object body of a request, or a 400 naming what is missing. */
export function objectBody(req: SimulatorRequest, key: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = req.body.length === 0 ? undefined : (JSON.parse(req.body.toString('utf8')) as unknown);
  } catch {
    clbFail(400, 'Invalid JSON in request body.');
  }
  const outer = isObject(parsed) ? parsed[key] : undefined;
  if (!isObject(outer)) invalid([`Must provide a ${key} object`]);
  return outer;
}

/** The JSON array body `{ [key]: [...] }` of a request, or a 400. */
export function arrayBody(req: SimulatorRequest, key: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = req.body.length === 0 ? undefined : (JSON.parse(req.body.toString('utf8')) as unknown);
  } catch {
    clbFail(400, 'Invalid JSON in request body.');
  }
  const v = isObject(parsed) ? parsed[key] : undefined;
  if (!Array.isArray(v) || v.length === 0) invalid([`Must provide at least one item in ${key}`]);
  return v;
}

/** Whether `v` is a plain object. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A 202 with an optional JSON body. */
export function accepted(body?: unknown): ReturnType<typeof jsonReply> {
  return body === undefined ? { status: 202, headers: {}, body: '' } : jsonReply(202, body);
}
