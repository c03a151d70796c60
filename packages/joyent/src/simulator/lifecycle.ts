/**
 * Machine state machine: provisioning → running; stop: running → stopping → stopped; start:
 * stopped → running; reboot: running → stopping → ready → running; delete → deleted → purged.
 * Transitions happen on timers with the configured delays.
 * @module
 */
import type { Caller } from './authenticate.js';
import { CloudApiError } from './errors.js';
import type { SimAccount, SimAuditEntry, SimMachine } from './model.js';
import type { SimMachineState } from './options.js';
import type { SimStore } from './store.js';

/** Records an audit entry (newest first). */
export function audit(
  m: SimMachine,
  action: string,
  caller: Caller | undefined,
  parameters: Record<string, unknown> = {},
  success = true,
): void {
  const who: SimAuditEntry['caller'] = caller
    ? { type: 'signature', ip: caller.ip, keyId: caller.keyId, ...(caller.user ? { user: caller.user.login } : {}) }
    : { type: 'operator' };
  m.audit.unshift({ action, success: success ? 'yes' : 'no', time: new Date(), parameters, caller: who });
}

function setState(m: SimMachine, state: SimMachineState): void {
  m.state = state;
  m.updated = new Date();
  const nicState = state === 'running' ? 'running' : state === 'stopped' ? 'stopped' : undefined;
  if (nicState) for (const n of m.nics) if (n.state !== 'provisioning') n.state = nicState;
}

/** Replaces the machine's pending transition with `fn` after `ms`. */
function later(store: SimStore, m: SimMachine, ms: number, fn: () => void): void {
  store.cancel(m.timer);
  m.timer = store.schedule(ms, () => {
    m.timer = undefined;
    fn();
  });
}

/** Gives the machine its NICs (requested networks, else public + private). */
export function attachNics(store: SimStore, m: SimMachine): void {
  if (m.nics.length > 0) return;
  const wanted =
    m.requestedNetworks.length > 0
      ? m.requestedNetworks
      : store.networks.filter((n) => !n.fabric).map((n) => ({ id: n.id, ip: undefined }));
  wanted.forEach((w, i) => {
    const net = store.findNetwork(w.id);
    if (net) m.nics.push(store.newNic(net, i === 0, w.ip));
  });
  const pub = m.nics.find((n) => store.findNetwork(n.network)?.public);
  if (pub) for (const n of m.nics) n.primary = n === pub;
}

/** Starts the provisioning timer of a new machine. */
export function beginProvisioning(store: SimStore, m: SimMachine): void {
  later(store, m, store.settings.provisionDelayMs, () => {
    attachNics(store, m);
    m.computeNode = `44454c4c-${m.id.slice(9, 13)}-8010-8050-b4c04f${m.id.slice(-6)}`;
    setState(m, 'running');
  });
}

function invalidState(m: SimMachine, action: string): never {
  throw new CloudApiError('InvalidState', `Cannot ${action} machine ${m.id} while it is ${m.state}`);
}

/** POST ?action=stop. */
export function stopMachine(store: SimStore, m: SimMachine): void {
  if (!['running', 'ready', 'stopping'].includes(m.state)) invalidState(m, 'stop');
  setState(m, 'stopping');
  later(store, m, store.settings.stopDelayMs, () => setState(m, 'stopped'));
}

/** POST ?action=start (also used when booting from a snapshot). */
export function startMachine(store: SimStore, m: SimMachine): void {
  if (m.state !== 'stopped') invalidState(m, 'start');
  later(store, m, store.settings.startDelayMs, () => setState(m, 'running'));
}

/** POST ?action=reboot. */
export function rebootMachine(store: SimStore, m: SimMachine): void {
  if (m.state !== 'running' && m.state !== 'ready') invalidState(m, 'reboot');
  setState(m, 'stopping');
  later(store, m, store.settings.stopDelayMs, () => {
    setState(m, 'ready');
    later(store, m, store.settings.startDelayMs, () => setState(m, 'running'));
  });
}

/** DELETE: → deleted after `deleteDelayMs`, purged after `purgeDelayMs` more. */
export function destroyMachine(store: SimStore, account: SimAccount, m: SimMachine): void {
  if (m.deletionProtection) {
    throw new CloudApiError('CannotDestroyMachineError', 'Instance has "deletion_protection" enabled, preventing deletion');
  }
  if (m.state === 'running' || m.state === 'ready') setState(m, 'stopping');
  later(store, m, store.settings.deleteDelayMs, () => {
    setState(m, 'deleted');
    m.deletedAt = new Date();
    later(store, m, store.settings.purgeDelayMs, () => {
      account.machines.delete(m.id);
    });
  });
}

/** Whether the machine is destroyed (GET answers 410). */
export function isDeleted(m: SimMachine): boolean {
  return m.state === 'deleted';
}
