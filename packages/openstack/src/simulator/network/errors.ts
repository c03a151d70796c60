/**
 * Neutron's error body: `{"NeutronError": {"type", "message", "detail"}}`.
 * @module
 */
import { SimulatorHttpError, jsonReply } from '@cloudmux/core/testing';

/** Throws a Neutron error reply (`type` is the exception class name, e.g. `FloatingIPNotFound`). */
export function neutronError(status: number, type: string, message: string): never {
  throw new SimulatorHttpError(jsonReply(status, { NeutronError: { type, message, detail: '' } }));
}
