import { generateKeyPairSync } from 'node:crypto';
import { toOpenSshPublicKey } from '@cloudmux/core/ssh';
import { Ec2Simulator, type Ec2SimulatorOptions } from '../../src/simulator/index.js';
import { Ec2NodeDriver } from '../../src/ec2/driver.js';
import type { Ec2DriverOptions } from '../../src/ec2/options.js';

/** Test credentials the simulator accepts. */
export const CREDS = { accessKeyId: 'AKIATESTDRIVER000001', secretAccessKey: 'test/driver+secret/key/0000000000000001' };

/** A simulator plus a driver pointed at it. */
export interface Harness {
  sim: Ec2Simulator;
  driver: Ec2NodeDriver;
  close(): Promise<void>;
}

/** Starts a simulator (fast state transitions) and a driver for it; retries are quick. */
export async function start(simOptions: Ec2SimulatorOptions = {}, driverOptions: Ec2DriverOptions = {}): Promise<Harness> {
  const sim = await Ec2Simulator.start({
    credentials: [CREDS],
    pendingDelayMs: 30,
    stoppingDelayMs: 30,
    shuttingDownDelayMs: 30,
    resourceDelayMs: 30,
    ...simOptions,
  });
  const driver = new Ec2NodeDriver(CREDS.accessKeyId, CREDS.secretAccessKey, {
    endpoint: sim.url,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...driverOptions,
  });
  return {
    sim,
    driver,
    async close() {
      driver.close();
      await sim.close();
    },
  };
}

/** A fresh OpenSSH `ssh-ed25519` public key line. */
export function sshPublicKey(comment = 'test@cloudmux'): string {
  return toOpenSshPublicKey(generateKeyPairSync('ed25519').publicKey, comment);
}

/** Action names of the calls the simulator saw, in order. */
export function actions(sim: Ec2Simulator): string[] {
  return sim.calls.map((c) => c.action);
}

/** Polls `probe` until `done` holds (every 10 ms, at most `timeoutMs`); returns the last value. */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
}
