/**
 * Keystone's error replies: `{"error": {"code", "message", "title"}}`.
 * @module
 */
import { SimulatorHttpError, jsonReply, type SimulatorReply } from '@cloudmux/core/testing';

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
};

/** A Keystone error reply. */
export function keystoneError(status: number, message: string, headers?: Record<string, string>): SimulatorReply {
  return jsonReply(status, { error: { code: status, message, title: TITLES[status] ?? 'Error' } }, headers);
}

/** Throws a Keystone error reply. */
export function fail(status: number, message: string): never {
  throw new SimulatorHttpError(keystoneError(status, message), message);
}

/** Keystone's 401 message. */
export const AUTH_REQUIRED = 'The request you have made requires authentication.';

/** Keystone's 400 explanation suffix. */
export const MALFORMED =
  'The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';
