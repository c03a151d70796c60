/**
 * Data tables of Cloud Load Balancers: algorithms and balancer statuses to portable values, and the
 * portable spelling of protocol names.
 * @module
 */
import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { InvalidArgumentError } from '@cloudmux/core/errors';
import { Algorithm, LoadBalancerState } from '@cloudmux/core/loadbalancer';

/** Rackspace algorithm names → portable algorithms. */
export const RACKSPACE_ALGORITHMS: LookupTable<Algorithm> = lookupTable<Algorithm>({
  LEAST_CONNECTIONS: Algorithm.LEAST_CONNECTIONS,
  RANDOM: Algorithm.RANDOM,
  ROUND_ROBIN: Algorithm.ROUND_ROBIN,
  WEIGHTED_LEAST_CONNECTIONS: Algorithm.WEIGHTED_LEAST_CONNECTIONS,
  WEIGHTED_ROUND_ROBIN: Algorithm.WEIGHTED_ROUND_ROBIN,
});

/**
 * Rackspace balancer statuses → portable states. Every pending status is `pending`; a `SUSPENDED`
 * balancer rejects traffic until Rackspace lifts the suspension, so it counts as `error`.
 */
export const RACKSPACE_BALANCER_STATES: LookupTable<LoadBalancerState> = lookupTable<LoadBalancerState>({
  ACTIVE: LoadBalancerState.RUNNING,
  BUILD: LoadBalancerState.PENDING,
  PENDING_CREATE: LoadBalancerState.PENDING,
  PENDING_UPDATE: LoadBalancerState.PENDING,
  PENDING_DELETE: LoadBalancerState.PENDING,
  SUSPENDED: LoadBalancerState.ERROR,
  ERROR: LoadBalancerState.ERROR,
  DELETED: LoadBalancerState.DELETED,
});

/** The portable state of a Rackspace status (`unknown` for statuses not in {@link RACKSPACE_BALANCER_STATES}). */
export function toBalancerState(status: string | undefined): LoadBalancerState {
  return lookup<LoadBalancerState>(RACKSPACE_BALANCER_STATES, status, LoadBalancerState.UNKNOWN);
}

/** The portable algorithm of a Rackspace algorithm name, or undefined for one this table does not know. */
export function toAlgorithm(wire: string | undefined): Algorithm | undefined {
  return wire === undefined ? undefined : RACKSPACE_ALGORITHMS[wire];
}

/** The Rackspace name of a portable algorithm; `InvalidArgumentError` listing the supported ones otherwise. */
export function toWireAlgorithm(method: string, algorithm: unknown, provider: string): string {
  for (const wire of Object.keys(RACKSPACE_ALGORITHMS)) if (RACKSPACE_ALGORITHMS[wire] === algorithm) return wire;
  const valid = Object.keys(RACKSPACE_ALGORITHMS)
    .map((k) => RACKSPACE_ALGORITHMS[k])
    .join(', ');
  throw new InvalidArgumentError(`${method}: algorithm ${JSON.stringify(algorithm)} is not supported by ${provider}; valid: ${valid}`, {
    provider,
  });
}

/** The portable spelling of a Rackspace protocol name: lower case, `_` as `-` (`TCP_CLIENT_FIRST` → `tcp-client-first`). */
export function toPortableProtocol(wire: string): string {
  return wire.toLowerCase().replace(/_/g, '-');
}

/**
 * The Rackspace protocol for `protocol` (portable spelling or Rackspace's own, any case) among `known`
 * (Rackspace names from `GET /loadbalancers/protocols`); `InvalidArgumentError` listing them otherwise.
 */
export function toWireProtocol(method: string, protocol: unknown, known: readonly string[], provider: string): string {
  if (typeof protocol === 'string') {
    const want = toPortableProtocol(protocol);
    const hit = known.find((k) => toPortableProtocol(k) === want);
    if (hit !== undefined) return hit;
  }
  throw new InvalidArgumentError(
    `${method}: protocol ${JSON.stringify(protocol)} is not offered by ${provider}; valid: ${known.map(toPortableProtocol).join(', ')}`,
    { provider },
  );
}
