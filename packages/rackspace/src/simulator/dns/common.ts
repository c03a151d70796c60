/**
 * Helpers shared by the Cloud DNS routes: account check, JSON bodies, lookups.
 * @module
 */
import { InvalidJsonBodyError, parseJsonBody, type SimulatorRequest } from '@cloudmux/core/testing';
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { fault, notFound, validationError } from './replies.js';
import type { DnsSimAccount, DnsSimDomain, DnsSimRecord, DnsSimStore } from './store.js';
import type { Checks } from './validate.js';

/** Checks the token (401 from Keystone's middleware when bad) and that it belongs to the path's account. */
export function authorize(world: SimulatorWorld, req: SimulatorRequest, account: string): void {
  const token = world.authenticate(req);
  if (token.project.id !== account) fault(401, 'Unauthorized', `The token is not valid for account ${account}.`);
}

/** The request body as a JSON object (400 `The request could not be processed.` otherwise). */
export function jsonBody(req: SimulatorRequest): Record<string, unknown> {
  let body: unknown;
  try {
    body = parseJsonBody(req);
  } catch (err) {
    if (err instanceof InvalidJsonBodyError) fault(400, 'The request could not be processed.', err.message);
    throw err;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    fault(400, 'The request could not be processed.', 'Expected a JSON object.');
  return body as Record<string, unknown>;
}

/** Throws a 400 with the collected messages, if any. */
export function failIfInvalid(checks: Checks): void {
  if (checks.messages.length > 0) validationError(checks.messages);
}

/** The domain `id` of an account (404 when absent). */
export function findDomain(store: DnsSimStore, account: string, id: string): DnsSimDomain {
  const d = /^\d+$/.test(id) ? store.account(account).domains.get(Number(id)) : undefined;
  if (!d) notFound(`Domain ID: ${id} not found.`);
  return d;
}

/** The record `id` of a domain (404 when absent). */
export function findRecord(d: DnsSimDomain, id: string): DnsSimRecord {
  const r = d.records.find((x) => x.id === id);
  if (!r) notFound(`Record ID: ${id} not found.`);
  return r;
}

/** A domain of the account by name. */
export function domainByName(a: DnsSimAccount, name: string): DnsSimDomain | undefined {
  for (const d of a.domains.values()) if (d.name === name) return d;
  return undefined;
}
