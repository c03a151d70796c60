import { BadRequestError, NotFoundError } from '@cloudmux/core/errors';

/** The resource exists but is in the wrong state for the operation (a 409 on a real cloud). */
export function incorrectState(message: string): BadRequestError {
  return new BadRequestError(message, { provider: 'dummy', status: 409, providerCode: 'IncorrectState', providerMessage: message });
}

/** The resource does not exist. */
export function notFound(what: string, id: string): NotFoundError {
  const message = `${what} "${id}" not found`;
  return new NotFoundError(message, { provider: 'dummy', status: 404, providerCode: 'NotFound', providerMessage: message });
}
