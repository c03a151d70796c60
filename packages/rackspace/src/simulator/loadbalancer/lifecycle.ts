/**
 * Status transitions of simulated balancers: `BUILD` → `ACTIVE`, every write `PENDING_UPDATE` → `ACTIVE`,
 * a delete `PENDING_DELETE` → `DELETED`, on the world's clock scaled by its speed.
 * @module
 */
import type { SimulatorWorld } from '@cloudmux/openstack/simulator';
import { immutable } from './faults.js';
import { CLB_SIM_TIMINGS, type ClbSimBalancer } from './store.js';

/** The simulator clock as ISO 8601 without milliseconds. */
export function isoNow(world: SimulatorWorld): string {
  return new Date(world.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Throws the 422 "immutable" fault unless the balancer is `ACTIVE`. */
export function requireActive(b: ClbSimBalancer): void {
  if (b.status !== 'ACTIVE') immutable(b.id, b.status);
}

/** Moves `b` to `status` now, and to `then` after `ms` (if nothing else moved it meanwhile). */
function transition(world: SimulatorWorld, b: ClbSimBalancer, status: string, ms: number, then: string): void {
  b.status = status;
  b.updated = isoNow(world);
  world.schedule(ms, () => {
    if (b.status !== status) return;
    b.status = then;
    b.updated = isoNow(world);
  });
}

/** A new balancer: `BUILD`, then `ACTIVE`. */
export function startBuild(world: SimulatorWorld, b: ClbSimBalancer): void {
  transition(world, b, 'BUILD', CLB_SIM_TIMINGS.buildMs, 'ACTIVE');
}

/** A write was accepted: `PENDING_UPDATE`, then `ACTIVE`. */
export function startUpdate(world: SimulatorWorld, b: ClbSimBalancer): void {
  transition(world, b, 'PENDING_UPDATE', CLB_SIM_TIMINGS.updateMs, 'ACTIVE');
}

/** A delete was accepted: `PENDING_DELETE`, then `DELETED`. */
export function startDelete(world: SimulatorWorld, b: ClbSimBalancer): void {
  transition(world, b, 'PENDING_DELETE', CLB_SIM_TIMINGS.deleteMs, 'DELETED');
}
