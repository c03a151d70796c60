import { RackspaceLoadBalancerDriver, type RackspaceLoadBalancerOptions } from '../../src/loadbalancer/index.js';
import { RackspaceSimulator, type RackspaceSimulatorOptions } from '../../src/simulator/index.js';
import { clbStore, type ClbStore } from '../../src/simulator/loadbalancer/register.js';

/** A fresh Rackspace simulator and a Cloud Load Balancers driver pointed at it. */
export interface LbSim {
  sim: RackspaceSimulator;
  driver: RackspaceLoadBalancerDriver;
  store: ClbStore;
  close(): Promise<void>;
}

/** Starts a simulator (speed 50 unless given) and a driver (region DFW, poll 100 ms, no retries). */
export async function startLbSim(
  options: RackspaceSimulatorOptions = {},
  driverOptions: RackspaceLoadBalancerOptions = {},
): Promise<LbSim> {
  const sim = await RackspaceSimulator.start({ speed: 50, ...options });
  const driver = new RackspaceLoadBalancerDriver('demo', 'demo-api-key', {
    region: 'DFW',
    identity: sim.identityUrl,
    retry: false,
    pollIntervalMs: 100,
    waitTimeoutMs: 10_000,
    ...driverOptions,
  });
  return {
    sim,
    driver,
    store: clbStore(sim.world),
    close: async () => {
      driver.close();
      await sim.stop();
    },
  };
}

/** A token of the demo account (RAX-KSKEY). */
export async function demoToken(sim: RackspaceSimulator, username = 'demo', apiKey = 'demo-api-key'): Promise<string> {
  const res = await fetch(`${sim.identityUrl}/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { 'RAX-KSKEY:apiKeyCredentials': { username, apiKey } } }),
  });
  const body = (await res.json()) as { access: { token: { id: string } } };
  return body.access.token.id;
}

const tokens = new WeakMap<RackspaceSimulator, string>();

/** A parsed JSON reply body (tests read nested fields freely). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonBody = any;

/** A raw request to the simulated Cloud Load Balancers API of the demo account (or `account`). */
export async function rawLb(
  sim: RackspaceSimulator,
  method: string,
  path: string,
  options: { body?: unknown; token?: string; account?: string } = {},
): Promise<{ status: number; body: JsonBody }> {
  let tok = options.token ?? tokens.get(sim);
  if (tok === undefined) {
    tok = await demoToken(sim);
    tokens.set(sim, tok);
  }
  const res = await fetch(`${sim.url}/lbaas/v1.0/${options.account ?? sim.accountId()}${path}`, {
    method,
    headers: {
      'x-auth-token': tok,
      accept: 'application/json',
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Polls the raw API until balancer `id` has `status` (or throws after ~5 s). */
export async function untilStatus(sim: RackspaceSimulator, id: number | string, status: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await rawLb(sim, 'GET', `/loadbalancers/${id}`);
    if (r.body?.loadBalancer?.status === status) return;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error(`balancer ${id} never reached ${status}`);
}

/** A minimal create body. */
export function createBody(name: string, extra: Record<string, unknown> = {}): unknown {
  return { loadBalancer: { name, port: 80, protocol: 'HTTP', virtualIps: [{ type: 'PUBLIC' }], ...extra } };
}
