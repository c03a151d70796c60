import { PowerDnsDriver, type PowerDnsDriverOptions } from '../../src/index.js';
import { PowerDnsSimulator, type PowerDnsSimulatorOptions } from '../../src/simulator/index.js';

/** A fresh simulator and a driver pointed at it. */
export interface SimContext {
  sim: PowerDnsSimulator;
  driver: PowerDnsDriver;
  close(): Promise<void>;
}

/** Starts a simulator (key `sim-api-key-0001`) and a driver without retries. */
export async function startSim(options: PowerDnsSimulatorOptions = {}, driverOptions: PowerDnsDriverOptions = {}): Promise<SimContext> {
  const sim = await PowerDnsSimulator.start({ apiKey: 'sim-api-key-0001', ...options });
  const driver = new PowerDnsDriver(sim.apiKey, undefined, { url: sim.url, retry: false, ...driverOptions });
  return {
    sim,
    driver,
    close: async () => {
      driver.close();
      await sim.close();
    },
  };
}
