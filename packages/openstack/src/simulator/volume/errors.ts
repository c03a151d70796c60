/**
 * Cinder's error bodies: `{"itemNotFound": {"code": 404, "message": …}}`, `{"badRequest": {…}}`.
 * @module
 */
import { SimulatorHttpError, jsonReply } from '@cloudmux/core/testing';

const FAULTS: Readonly<Record<number, string>> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'itemNotFound',
  406: 'computeFault',
  409: 'conflictingRequest',
  413: 'overLimit',
};

/** Throws a Cinder fault reply. */
export function cinderError(status: number, message: string): never {
  throw new SimulatorHttpError(jsonReply(status, { [FAULTS[status] ?? 'computeFault']: { code: status, message } }));
}
