/**
 * Nova's error bodies: `{"<faultName>": {"code", "message"}}`, the fault name chosen by status the way
 * Nova's WSGI fault wrapper does.
 * @module
 */
import { SimulatorHttpError, jsonReply, type SimulatorReply } from '@cloudmux/core/testing';

const FAULT_NAMES: Readonly<Record<number, string>> = {
  400: 'badRequest',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'itemNotFound',
  405: 'badMethod',
  409: 'conflictingRequest',
  413: 'overLimit',
  415: 'badMediaType',
  429: 'overLimit',
  501: 'notImplemented',
  503: 'serviceUnavailable',
};

/** A Nova fault reply. */
export function novaFault(status: number, message: string, headers?: Record<string, string>): SimulatorReply {
  const name = FAULT_NAMES[status] ?? 'computeFault';
  return jsonReply(status, { [name]: { code: status, message } }, headers);
}

/** Throws a Nova fault reply. */
export function novaError(status: number, message: string): never {
  throw new SimulatorHttpError(novaFault(status, message));
}
