import { Ec2Error, invalidValue } from './errors.js';
import type { ActionContext } from './actions/context.js';

const EXCLUDED = new Set(['ClientToken', 'Version', 'DryRun', 'Action']);

/**
 * Runs a create action idempotently per `ClientToken`, as EC2 does: the first call creates and
 * remembers the result; a repeat with the same token and the same parameters answers the same
 * resource without creating another; the same token with different parameters is
 * `IdempotentParameterMismatch`. Without a token, `create` simply runs.
 */
export async function idempotent<T>(ctx: ActionContext, create: () => T | Promise<T>, write: (result: T) => void): Promise<void> {
  const token = ctx.params.get('ClientToken');
  if (token === undefined || token === '') {
    write(await create());
    return;
  }
  if (token.length > 64) throw invalidValue('ClientToken', token, 'Client tokens can be at most 64 characters long.');
  const key = `${ctx.action}\n${token}`;
  const fingerprint = ctx.params.fingerprint(EXCLUDED);
  const known = ctx.state.clientTokens.get(key);
  if (known) {
    if (known.fingerprint !== fingerprint) {
      throw new Ec2Error(
        'IdempotentParameterMismatch',
        'The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests.',
      );
    }
    write(known.result as T);
    return;
  }
  const result = await create();
  ctx.state.clientTokens.set(key, { fingerprint, result });
  write(result);
}
