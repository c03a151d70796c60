/**
 * CloudAPI error replies: restify rest codes with their HTTP statuses and `{ code, message }` bodies.
 * @module
 */
import { SimulatorHttpError } from '@cloudmux/core/testing';
import type { SimulatorReply } from '@cloudmux/core/testing';

/** Rest codes the simulator answers with, and their HTTP status (restify's CODES table). */
export const REST_CODES = {
  BadRequest: 400,
  InvalidHeader: 400,
  InvalidVersion: 400,
  InvalidCredentials: 401,
  NotAuthorized: 403,
  ResourceNotFound: 404,
  BadMethod: 405,
  WrongAccept: 406,
  InvalidArgument: 409,
  MissingParameter: 409,
  InvalidState: 409,
  CannotDestroyMachineError: 409,
  Gone: 410,
  ResourceMoved: 302,
  RequestThrottled: 429,
  InternalError: 500,
  InsufficientCapacity: 503,
} as const;

/** A CloudAPI rest code. */
export type RestCode = keyof typeof REST_CODES;

/** Builds an error reply `{ code, message }` with the code's status. */
export function errorReply(code: RestCode, message: string, headers?: Record<string, string>): SimulatorReply {
  return { status: REST_CODES[code], headers: { 'content-type': 'application/json', ...headers }, body: { code, message } };
}

/** An error the routes throw; the simulator turns it into its reply. */
export class CloudApiError extends SimulatorHttpError {
  /** The rest code. */
  readonly code: RestCode;
  constructor(code: RestCode, message: string, headers?: Record<string, string>) {
    super(errorReply(code, message, headers), message);
    this.name = 'CloudApiError';
    this.code = code;
  }
}

/** Throws `ResourceNotFound`. */
export function notFound(message: string): never {
  throw new CloudApiError('ResourceNotFound', message);
}

/** Throws `InvalidArgument` (409). */
export function invalidArgument(message: string): never {
  throw new CloudApiError('InvalidArgument', message);
}

/** Throws `MissingParameter` (409) for `name`. */
export function missingParameter(name: string): never {
  throw new CloudApiError('MissingParameter', `${name} is required`);
}
