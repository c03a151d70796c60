import { CloudApiSimulator } from '../../src/simulator/index.js';
import { JoyentNodeDriver, type JoyentDriverOptions } from '../../src/index.js';
import { type TestKey, type TestKeyKind, testKey } from './keys.js';

/** Simulator options as the tests pass them. */
export type SimOptions = NonNullable<Parameters<typeof CloudApiSimulator.start>[0]>;

/** A fresh simulator with account `demo` holding one key, and a driver signing with it. */
export interface SimContext {
  sim: CloudApiSimulator;
  driver: JoyentNodeDriver;
  key: TestKey;
  /** A driver for the same simulator with other options (same key). */
  makeDriver(options?: JoyentDriverOptions, keyIdOrPath?: string): JoyentNodeDriver;
  close(): Promise<void>;
}

/** Starts a simulator with fast state transitions and a driver for it. */
export async function startSim(options: SimOptions = {}, kind: TestKeyKind = 'ed25519'): Promise<SimContext> {
  const key = testKey(kind);
  const sim = await CloudApiSimulator.start({
    accounts: [{ login: 'demo', keys: [{ name: 'test', key: key.publicKey }] }],
    provisionDelayMs: 30,
    stopDelayMs: 30,
    startDelayMs: 30,
    deleteDelayMs: 30,
    ...options,
  });
  const drivers: JoyentNodeDriver[] = [];
  const makeDriver = (extra: JoyentDriverOptions = {}, keyIdOrPath?: string): JoyentNodeDriver => {
    const d = new JoyentNodeDriver('demo', keyIdOrPath, {
      url: sim.url,
      privateKey: key.privatePem,
      useAgent: false,
      sshDir: false,
      retry: false,
      ...extra,
    });
    drivers.push(d);
    return d;
  };
  const driver = makeDriver();
  return {
    sim,
    driver,
    key,
    makeDriver,
    close: async () => {
      for (const d of drivers) d.close();
      await sim.close();
    },
  };
}

/** Requests the simulator saw, as `METHOD path` strings. */
export function requestLines(sim: CloudApiSimulator): string[] {
  return sim.server.requests.map((r) => `${r.method} ${r.path}`);
}
