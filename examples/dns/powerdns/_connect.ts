/**
 * Shared helper for the PowerDNS examples: a driver for a real PowerDNS when PDNS_API_KEY is set
 * (PDNS_API_URL, PDNS_SERVER_ID, see `PowerDnsDriver.fromEnv`), otherwise an in-process PowerDNS
 * API simulator.
 */
import { PowerDnsDriver } from '@cloudmux/powerdns';
import { PowerDnsSimulator } from '@cloudmux/powerdns/simulator';

/** A connected driver and how to clean up. */
export interface Connected {
  driver: PowerDnsDriver;
  /** True when talking to the in-process simulator. */
  simulated: boolean;
  close(): Promise<void>;
}

/** Connects to PowerDNS (env) or to a simulator. */
export async function connect(): Promise<Connected> {
  if (process.env['PDNS_API_KEY']) {
    const driver = PowerDnsDriver.fromEnv();
    return { driver, simulated: false, close: async () => driver.close() };
  }
  const sim = await PowerDnsSimulator.start();
  const driver = new PowerDnsDriver(sim.apiKey, undefined, { url: sim.url });
  return {
    driver,
    simulated: true,
    close: async () => {
      driver.close();
      await sim.close();
    },
  };
}
