import { RackspaceDnsDriver, type RackspaceDnsDriverOptions } from '../../src/index.js';
import { RackspaceSimulator, type RackspaceSimulatorOptions } from '../../src/simulator/index.js';
import { dnsSimStore, type DnsSimStore } from '../../src/simulator/dns/index.js';

/** A parsed Cloud DNS JSON body (test-only: shapes are asserted, not typed). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireJson = any;

/** A fresh Rackspace simulator and a Cloud DNS driver pointed at it. */
export interface DnsSim {
  sim: RackspaceSimulator;
  driver: RackspaceDnsDriver;
  store: DnsSimStore;
  close(): Promise<void>;
}

/** Starts a simulator (speed 50 unless given) and a driver without retries. */
export async function startDnsSim(options: RackspaceSimulatorOptions = {}, driverOptions: RackspaceDnsDriverOptions = {}): Promise<DnsSim> {
  const sim = await RackspaceSimulator.start({ speed: 50, ...options });
  const driver = new RackspaceDnsDriver('demo', 'demo-api-key', { identity: sim.identityUrl, retry: false, ...driverOptions });
  return {
    sim,
    driver,
    store: dnsSimStore(sim.world),
    close: async () => {
      await driver.close();
      await sim.stop();
    },
  };
}

/** Raw Cloud DNS request against the simulator with a fresh token of the demo account. */
export async function rawDns(
  sim: RackspaceSimulator,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: WireJson }> {
  const tok = token ?? (await demoToken(sim));
  const res = await fetch(`${sim.url}/dns/v1.0/${sim.accountId()}${path}`, {
    method,
    headers: { 'x-auth-token': tok, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** A token of the demo account (RAX-KSKEY). */
export async function demoToken(sim: RackspaceSimulator): Promise<string> {
  const res = await fetch(`${sim.identityUrl}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { 'RAX-KSKEY:apiKeyCredentials': { username: 'demo', apiKey: 'demo-api-key' } } }),
  });
  const body = (await res.json()) as { access: { token: { id: string } } };
  return body.access.token.id;
}

/** Polls a job until it ends. */
export async function waitJob(sim: RackspaceSimulator, jobId: string): Promise<WireJson> {
  for (let i = 0; i < 200; i++) {
    const r = await rawDns(sim, 'GET', `/status/${jobId}?showDetails=true`);
    if (r.body.status === 'COMPLETED' || r.body.status === 'ERROR') return r.body;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error(`job ${jobId} did not end`);
}
