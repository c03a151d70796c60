import { StratusLabNodeDriver, type StratusLabDriverOptions } from '../../src/index.js';
import { StratusLabSimulator, type StratusLabSimulatorOptions } from '../../src/simulator/index.js';

/** Two simulated clouds (`lal`, `example`) and a driver configured for both from INI text. */
export interface TwoClouds {
  lal: StratusLabSimulator;
  example: StratusLabSimulator;
  config: string;
  driver: StratusLabNodeDriver;
  makeDriver(options?: StratusLabDriverOptions): StratusLabNodeDriver;
  requestCount(): number;
  close(): Promise<void>;
}

/** Starts two simulators with fast lifecycles and a driver whose default location is `lal`. */
export async function startTwoClouds(options: StratusLabSimulatorOptions = {}): Promise<TwoClouds> {
  const lal = await StratusLabSimulator.start({ stepMs: 20, subnet: 1, ...options });
  const example = await StratusLabSimulator.start({ stepMs: 20, subnet: 2, ...options });
  const config = [
    '[default]',
    'selected_section = lal',
    '',
    lal.configSection('lal').replace('[lal]\n', '[lal]\nname = LAL (Orsay)\ncountry = FR\n'),
    example.configSection('example'),
    '[instance_types]',
    'x1.tiny = 1, 256, 128',
    'broken = 1, two, 3',
    '',
  ].join('\n');
  const drivers: StratusLabNodeDriver[] = [];
  const makeDriver = (o: StratusLabDriverOptions = {}): StratusLabNodeDriver => {
    const d = new StratusLabNodeDriver(undefined, undefined, { config, retry: false, ...o });
    drivers.push(d);
    return d;
  };
  return {
    lal,
    example,
    config,
    driver: makeDriver(),
    makeDriver,
    requestCount: () => lal.server.requests.length + example.server.requests.length,
    close: async () => {
      for (const d of drivers) d.close();
      await Promise.all([lal.close(), example.close()]);
    },
  };
}
