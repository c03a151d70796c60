import { Ec2Error } from './errors.js';
import type { InstanceRecord, InstanceStateName, VolumeRecord } from './model.js';
import type { Ec2State } from './state.js';

/** A state change as Start/Stop/TerminateInstances report it. */
export interface StateChange {
  instance: InstanceRecord;
  previous: InstanceStateName;
  current: InstanceStateName;
}

function gmt(now: number): string {
  return `${new Date(now).toISOString().slice(0, 19).replace('T', ' ')} GMT`;
}

function incorrect(inst: InstanceRecord, verb: string): Ec2Error {
  return new Ec2Error('IncorrectInstanceState', `The instance '${inst.id}' is not in a state from which it can be ${verb}.`);
}

/** Moves a just-created (or started) instance from pending to running after `pendingDelayMs`. */
export function schedulePending(state: Ec2State, inst: InstanceRecord, now: number): void {
  inst.state = 'pending';
  state.schedule(inst, now, state.options.pendingDelayMs, (at) => {
    inst.state = 'running';
    inst.bootedAt = at;
    inst.stateReason = undefined;
    for (const dev of inst.blockDevices) {
      const vol = state.volumes.get(dev.volumeId);
      if (vol?.attachment?.status === 'attaching') vol.attachment.status = 'attached';
    }
  });
}

/** StopInstances for one instance. */
export function stopInstance(state: Ec2State, inst: InstanceRecord, now: number): StateChange {
  const previous = inst.state;
  if (previous === 'stopped' || previous === 'stopping') return { instance: inst, previous, current: previous };
  if (previous !== 'running') throw incorrect(inst, 'stopped');
  inst.state = 'stopping';
  inst.reason = `User initiated (${gmt(now)})`;
  inst.stateReason = { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
  state.schedule(inst, now, state.options.stoppingDelayMs, () => {
    inst.state = 'stopped';
    if (!inst.elasticIp) inst.publicIp = undefined;
  });
  return { instance: inst, previous, current: 'stopping' };
}

/** StartInstances for one instance. */
export function startInstance(state: Ec2State, inst: InstanceRecord, now: number): StateChange {
  const previous = inst.state;
  if (previous === 'running' || previous === 'pending') return { instance: inst, previous, current: previous };
  if (previous !== 'stopped') throw incorrect(inst, 'started');
  inst.reason = '';
  inst.stateReason = undefined;
  if (!inst.publicIp) inst.publicIp = state.allocatePublicIp();
  schedulePending(state, inst, now);
  return { instance: inst, previous, current: 'pending' };
}

/** RebootInstances for one instance (validation only; a reboot keeps it running). */
export function rebootInstance(inst: InstanceRecord, now: number): void {
  if (inst.state !== 'running' && inst.state !== 'pending') throw incorrect(inst, 'rebooted');
  if (inst.state === 'running') inst.bootedAt = now;
}

/** TerminateInstances for one instance: shutting-down, then terminated, then purged after `terminatedVisibleMs`. */
export function terminateInstance(state: Ec2State, inst: InstanceRecord, now: number): StateChange {
  const previous = inst.state;
  if (previous === 'terminated' || previous === 'shutting-down') return { instance: inst, previous, current: previous };
  if (inst.disableApiTermination) {
    throw new Ec2Error(
      'OperationNotPermitted',
      `The instance '${inst.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
    );
  }
  inst.state = 'shutting-down';
  inst.reason = `User initiated (${gmt(now)})`;
  inst.stateReason = { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
  state.schedule(inst, now, state.options.shuttingDownDelayMs, (at) => {
    finishTermination(state, inst, at);
    state.schedule(inst, at, state.options.terminatedVisibleMs, () => {
      state.instances.delete(inst.id);
    });
  });
  return { instance: inst, previous, current: 'shutting-down' };
}

function finishTermination(state: Ec2State, inst: InstanceRecord, at: number): void {
  inst.state = 'terminated';
  inst.terminatedAt = at;
  inst.stateReason = { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
  if (inst.elasticIp) {
    const address = state.addresses.get(inst.elasticIp);
    if (address) {
      address.instanceId = undefined;
      address.associationId = undefined;
    }
    inst.elasticIp = undefined;
  }
  inst.publicIp = undefined;
  for (const dev of inst.blockDevices) {
    const vol = state.volumes.get(dev.volumeId);
    if (!vol) continue;
    state.cancel(vol);
    if (dev.deleteOnTermination) state.volumes.delete(vol.id);
    else {
      vol.attachment = undefined;
      vol.state = 'available';
    }
  }
  inst.blockDevices = [];
}

/** Attaches a volume: attaching now, attached after `resourceDelayMs` (or when the instance boots). */
export function attachVolume(
  state: Ec2State,
  vol: VolumeRecord,
  inst: InstanceRecord,
  device: string,
  now: number,
  deleteOnTermination = false,
): void {
  vol.state = 'in-use';
  vol.attachment = { instanceId: inst.id, device, status: 'attaching', attachTime: now, deleteOnTermination };
  inst.blockDevices.push({ deviceName: device, volumeId: vol.id, deleteOnTermination, attachTime: now });
  state.schedule(vol, now, state.options.resourceDelayMs, () => {
    if (vol.attachment?.status === 'attaching') vol.attachment.status = 'attached';
  });
}

/** Detaches a volume: detaching now, available after `resourceDelayMs`. */
export function detachVolume(state: Ec2State, vol: VolumeRecord, now: number): void {
  const attachment = vol.attachment;
  if (!attachment) return;
  attachment.status = 'detaching';
  const inst = state.instances.get(attachment.instanceId);
  if (inst) inst.blockDevices = inst.blockDevices.filter((d) => d.volumeId !== vol.id);
  state.schedule(vol, now, state.options.resourceDelayMs, () => {
    vol.attachment = undefined;
    vol.state = 'available';
  });
}

/** Throws what {@link stopInstance} would, without changing anything. */
export function assertCanStop(inst: InstanceRecord): void {
  if (!['running', 'stopping', 'stopped'].includes(inst.state)) throw incorrect(inst, 'stopped');
}

/** Throws what {@link startInstance} would, without changing anything. */
export function assertCanStart(inst: InstanceRecord): void {
  if (!['running', 'pending', 'stopped'].includes(inst.state)) throw incorrect(inst, 'started');
}

/** Throws what {@link terminateInstance} would, without changing anything. */
export function assertCanTerminate(inst: InstanceRecord): void {
  if (inst.disableApiTermination && inst.state !== 'terminated' && inst.state !== 'shutting-down') {
    throw new Ec2Error(
      'OperationNotPermitted',
      `The instance '${inst.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
    );
  }
}
