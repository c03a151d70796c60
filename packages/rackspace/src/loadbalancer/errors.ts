/**
 * Cloud Load Balancers error bodies → core errors. The API answers `{ "message", "code" }`, with
 * `validationErrors.messages` on a 400 (read by `@cloudmux/openstack`'s `parseOpenStackError`), and a 422 "immutable" while a balancer is busy with another change.
 * @module
 */
import { AlreadyExistsError, BadRequestError, NotFoundError, ProviderError, type ProviderErrorOptions } from '@cloudmux/core/errors';
import { parseOpenStackError } from '@cloudmux/openstack';

/**
 * A write was refused with 422 because the balancer is busy (`PENDING_UPDATE`, `BUILD`, `PENDING_DELETE`):
 * Rackspace accepts one change at a time. `retryable` is true: the same request succeeds once the balancer
 * is `ACTIVE` again (`exWaitForActive`). Core has no conflict/busy error class, so this is a `ProviderError`
 * with `retryable: true`; `providerCode` is `immutableEntity`.
 */
export class RackspaceBalancerBusyError extends ProviderError {
  /** The balancer status the message names (`PENDING_UPDATE`...), when it names one. */
  readonly balancerStatus: string | undefined;
  constructor(message: string, options: ProviderErrorOptions & { balancerStatus?: string | undefined } = {}) {
    super(message, { ...options, retryable: true });
    this.balancerStatus = options.balancerStatus;
  }
}

/** What the error mapper knows about the failed request. */
export interface LbErrorContext {
  /** Provider id. */
  provider: string;
  /** HTTP method. */
  method: string;
  /** Request URL (no secrets: the token travels in a header). */
  url: string;
  /** Operation, for the message. */
  action: string;
  /** Request id, if the service sent one. */
  requestId: string | undefined;
}

const IMMUTABLE = /immutable|considered immutable/i;
const EXISTS = /duplicate|already exists|already configured/i;

/**
 * Maps a 400/404/409/422 answer onto a core error: 400 → `BadRequestError` carrying every validation
 * message; 404 → `NotFoundError`; 409 or a duplicate → `AlreadyExistsError`; 422 "immutable" →
 * {@link RackspaceBalancerBusyError} (retryable), other 422 → `BadRequestError`. Any other status →
 * retryable `ProviderError` for 5xx.
 */
export function mapLoadBalancerFault(status: number, bodyText: string, ctx: LbErrorContext): ProviderError {
  // `message`, then `details` and every `validationErrors.messages` entry, as the OpenStack reader joins them.
  const providerMessage = parseOpenStackError(bodyText).message;
  const message =
    `${ctx.provider}: ${ctx.action} (${ctx.method} ${ctx.url}) failed with HTTP ${status}` +
    (providerMessage !== undefined ? `: ${providerMessage}` : '') +
    (ctx.requestId !== undefined ? ` (request id ${ctx.requestId})` : '');
  const options: ProviderErrorOptions = {
    provider: ctx.provider,
    status,
    method: ctx.method,
    url: ctx.url,
    providerMessage,
    requestId: ctx.requestId,
  };
  const text = providerMessage ?? '';
  switch (status) {
    case 400:
      return EXISTS.test(text)
        ? new AlreadyExistsError(message, { ...options, providerCode: 'badRequest' })
        : new BadRequestError(message, { ...options, providerCode: 'badRequest' });
    case 404:
      return new NotFoundError(message, { ...options, providerCode: 'itemNotFound' });
    case 409:
      return new AlreadyExistsError(message, { ...options, providerCode: 'conflict' });
    case 422: {
      if (IMMUTABLE.test(text)) {
        const balancerStatus = /status of '([A-Z_]+)'/.exec(text)?.[1];
        return new RackspaceBalancerBusyError(message, { ...options, providerCode: 'immutableEntity', balancerStatus });
      }
      return new BadRequestError(message, { ...options, providerCode: 'unprocessableEntity' });
    }
    default:
      return new ProviderError(message, { ...options, retryable: status >= 500 });
  }
}
