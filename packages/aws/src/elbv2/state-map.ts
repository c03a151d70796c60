import { lookup, lookupTable, type LookupTable } from '@cloudmux/core';
import { LoadBalancerState } from '@cloudmux/core/loadbalancer';

/** ELBv2 balancer state codes → portable states (an impaired balancer still serves traffic). */
export const ELBV2_BALANCER_STATES: LookupTable<LoadBalancerState> = lookupTable<LoadBalancerState>({
  provisioning: LoadBalancerState.PENDING,
  active: LoadBalancerState.RUNNING,
  active_impaired: LoadBalancerState.RUNNING,
  failed: LoadBalancerState.ERROR,
});

/** The portable state of a wire state code (`unknown` for codes not in {@link ELBV2_BALANCER_STATES}). */
export function toBalancerState(code: string | undefined): LoadBalancerState {
  return lookup<LoadBalancerState>(ELBV2_BALANCER_STATES, code, LoadBalancerState.UNKNOWN);
}
