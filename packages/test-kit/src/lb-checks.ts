import { isIP } from 'node:net';
import { expect } from '@jest/globals';
import { Node, NodeDriver, NodeState } from '@cloudmux/core/compute';
import {
  Algorithm,
  LoadBalancer,
  LoadBalancerState,
  Member,
  type LoadBalancerDriver,
  type LoadBalancerMethod,
} from '@cloudmux/core/loadbalancer';
import { collect, expectDriverRef, expectNotFound, expectRefused, needs, pollUntil, uniqueName, type Timing } from './harness.js';
import type { TestBalancerSettings } from './types.js';

/** What every load balancer check gets. */
export interface LbContext {
  /** The fresh driver. */
  driver: LoadBalancerDriver;
  /** Poll settings. */
  timing: Timing;
  /** Port/protocol/algorithm for test balancers. */
  settings(): Promise<TestBalancerSettings>;
  /** A node to attach with `balancerAttachComputeNode`. */
  computeNode(): Promise<Node>;
  /** Clean-up actions, run last first after the check. */
  cleanup: (() => Promise<unknown>)[];
}

/** A node driver that talks to nothing: the owner of the default stand-in node. */
class DetachedNodeDriver extends NodeDriver {}

/** The default node for `balancerAttachComputeNode`: only its address matters to a balancer. */
export function standInNode(): Node {
  return new Node(
    { id: 'cmx-conf-node', name: 'cmx-conf-node', state: NodeState.RUNNING, publicIps: ['192.0.2.44'], privateIps: ['10.0.0.44'] },
    new DetachedNodeDriver(),
  );
}

/** Default test balancer settings: port 8080, `http` if offered, else the first protocol listed. */
export async function defaultSettings(driver: LoadBalancerDriver): Promise<TestBalancerSettings> {
  if (!driver.supports('listProtocols')) return { port: 8080, protocol: 'http' };
  const protocols = await driver.listProtocols();
  const protocol = protocols.includes('http') ? 'http' : protocols[0];
  if (protocol === undefined) throw new Error('listProtocols returned no protocol to create test balancers with');
  return { port: 8080, protocol };
}

const STATES: readonly string[] = Object.values(LoadBalancerState);

function expectBalancer(b: LoadBalancer, ctx: LbContext): void {
  expect(b).toBeInstanceOf(LoadBalancer);
  expect(typeof b.id).toBe('string');
  expect(b.id.length).toBeGreaterThan(0);
  expect(STATES).toContain(b.state);
  if (b.ip !== undefined) expect(isIP(b.ip)).not.toBe(0);
  expectDriverRef(b, ctx.driver);
}

function expectMember(m: Member, ip: string, port: number): void {
  expect(m).toBeInstanceOf(Member);
  expect(typeof m.id).toBe('string');
  expect(m.id.length).toBeGreaterThan(0);
  expect(m.ip).toBe(ip);
  expect(m.port).toBe(port);
}

/** Waits (through getBalancer) until the balancer runs; returns it. */
async function running(ctx: LbContext, b: LoadBalancer): Promise<LoadBalancer> {
  if (b.state === LoadBalancerState.RUNNING || !ctx.driver.supports('getBalancer')) return b;
  return pollUntil(
    `balancer ${b.id} to run`,
    ctx.timing,
    () => ctx.driver.getBalancer(b.id),
    (x) => x.state === LoadBalancerState.RUNNING,
    (x) => x.state,
  );
}

/** Creates a uniquely named balancer (destroyed after the check) and waits until it runs. */
export async function testBalancer(ctx: LbContext, members?: { ip: string; port: number }[]): Promise<LoadBalancer> {
  const settings = await ctx.settings();
  const name = uniqueName('cmx-conf');
  const b = await ctx.driver.createBalancer({ ...settings, name, ...(members ? { members } : {}) });
  if (ctx.driver.supports('destroyBalancer')) ctx.cleanup.push(() => ctx.driver.destroyBalancer(b.id));
  expectBalancer(b, ctx);
  expect(b.name).toBe(name);
  expect(b.port).toBe(settings.port);
  return running(ctx, b);
}

async function listedIds(ctx: LbContext): Promise<string[] | undefined> {
  return ctx.driver.supports('listBalancers') ? (await ctx.driver.listBalancers()).map((b) => b.id).sort() : undefined;
}

async function memberKeys(ctx: LbContext, b: LoadBalancer): Promise<string[]> {
  return (await ctx.driver.balancerListMembers(b)).map((m) => `${m.ip}:${m.port}`).sort();
}

/** The behaviour check of each portable load balancer method. */
export const LB_CHECKS: Readonly<Record<LoadBalancerMethod, (ctx: LbContext) => Promise<void>>> = {
  async listProtocols({ driver }) {
    const protocols = await driver.listProtocols();
    expect(protocols.length).toBeGreaterThan(0);
    for (const p of protocols) expect(p).toMatch(/^[a-z][a-z0-9+.-]*$/);
    expect(new Set(protocols).size).toBe(protocols.length);
  },
  async listSupportedAlgorithms({ driver }) {
    const algorithms = await driver.listSupportedAlgorithms();
    expect(algorithms.length).toBeGreaterThan(0);
    for (const a of algorithms) expect(Object.values(Algorithm)).toContain(a);
  },
  async listBalancers(ctx) {
    const b = ctx.driver.supports('createBalancer') ? await testBalancer(ctx) : undefined;
    const listed = await ctx.driver.listBalancers();
    for (const x of listed) expectBalancer(x, ctx);
    const ids = listed.map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    const iterated = (await collect(ctx.driver.iterateBalancers())).map((x) => x.id);
    if (b) {
      expect(ids).toContain(b.id);
      expect(iterated).toContain(b.id);
      expect(listed.find((x) => x.id === b.id)?.name).toBe(b.name);
    }
  },
  async getBalancer(ctx) {
    needs(ctx.driver, 'createBalancer', 'getBalancer');
    const b = await testBalancer(ctx);
    const got = await ctx.driver.getBalancer(b.id);
    expectBalancer(got, ctx);
    expect([got.id, got.name, got.port]).toEqual([b.id, b.name, b.port]);
    await expectNotFound('getBalancer of an unknown id', () => ctx.driver.getBalancer(`${b.id}-missing`));
  },
  async createBalancer(ctx) {
    const settings = await ctx.settings();
    const before = await listedIds(ctx);
    await expectRefused('createBalancer with an unknown protocol', () =>
      ctx.driver.createBalancer({ ...settings, name: uniqueName('cmx-conf'), protocol: 'cloudmux-no-such-protocol' }),
    );
    await expectRefused('createBalancer with port 0', () =>
      ctx.driver.createBalancer({ ...settings, name: uniqueName('cmx-conf'), port: 0 }),
    );
    if (before) expect(await listedIds(ctx)).toEqual(before);
    const b = await testBalancer(ctx);
    if (ctx.driver.supports('getBalancer')) expect((await ctx.driver.getBalancer(b.id)).name).toBe(b.name);
  },
  async destroyBalancer(ctx) {
    needs(ctx.driver, 'createBalancer', 'destroyBalancer');
    const b = await testBalancer(ctx);
    expect(await ctx.driver.destroyBalancer(b)).toBe(true);
    if (ctx.driver.supports('listBalancers')) {
      await pollUntil(
        `balancer ${b.id} to be gone`,
        ctx.timing,
        () => listedIds(ctx),
        (ids) => !ids?.includes(b.id),
        (ids) => (ids?.includes(b.id) ? 'listed' : 'gone'),
      );
    }
    if (ctx.driver.supports('getBalancer')) {
      await pollUntil(
        `getBalancer(${b.id}) to fail`,
        ctx.timing,
        () =>
          ctx.driver.getBalancer(b.id).then(
            (x) => x.state,
            (e: unknown) => e,
          ),
        (r) => typeof r !== 'string',
        String,
      );
      await expectNotFound('getBalancer after destroyBalancer', () => ctx.driver.getBalancer(b.id));
    }
    await expectRefused('destroying a destroyed balancer', () => ctx.driver.destroyBalancer(b.id));
  },
  async updateBalancer(ctx) {
    const b = await testBalancer(ctx);
    const name = uniqueName('cmx-conf');
    const port = b.port === 8081 ? 8082 : 8081;
    const u = await ctx.driver.updateBalancer(b, { name, port });
    expect([u.id, u.name, u.port]).toEqual([b.id, name, port]);
    if (ctx.driver.supports('getBalancer')) {
      const got = await ctx.driver.getBalancer(b.id);
      expect([got.name, got.port]).toEqual([name, port]);
    }
    await expectRefused('updateBalancer with port 70000', () => ctx.driver.updateBalancer(b.id, { port: 70000 }));
  },
  async balancerAttachMember(ctx) {
    const b = await testBalancer(ctx);
    const m = await ctx.driver.balancerAttachMember(b, { ip: '192.0.2.21', port: 8000 });
    expectMember(m, '192.0.2.21', 8000);
    if (m.balancerId !== undefined) expect(m.balancerId).toBe(b.id);
    await expectRefused('attaching a member with an invalid address', () =>
      ctx.driver.balancerAttachMember(b, { ip: 'not-an-ip', port: 8000 }),
    );
    if (ctx.driver.supports('balancerListMembers')) expect(await memberKeys(ctx, b)).toEqual(['192.0.2.21:8000']);
  },
  async balancerAttachComputeNode(ctx) {
    const b = await testBalancer(ctx);
    const node = await ctx.computeNode();
    const ip = node.publicIps[0] ?? node.privateIps[0];
    const m = await ctx.driver.balancerAttachComputeNode(b, { node });
    expectMember(m, ip!, b.port);
    if (ctx.driver.supports('balancerListMembers')) expect(await memberKeys(ctx, b)).toEqual([`${ip}:${b.port}`]);
  },
  async balancerDetachMember(ctx) {
    needs(ctx.driver, 'balancerAttachMember', 'balancerDetachMember');
    const b = await testBalancer(ctx);
    const keep = await ctx.driver.balancerAttachMember(b, { ip: '192.0.2.31', port: 8000 });
    const drop = await ctx.driver.balancerAttachMember(b, { ip: '192.0.2.32', port: 8000 });
    expect(await ctx.driver.balancerDetachMember(b, { member: drop })).toBe(true);
    if (ctx.driver.supports('balancerListMembers')) expect(await memberKeys(ctx, b)).toEqual([`${keep.ip}:8000`]);
    await expectRefused('detaching a member that is not attached', () => ctx.driver.balancerDetachMember(b, { member: drop }));
  },
  async balancerListMembers(ctx) {
    const members = [
      { ip: '192.0.2.11', port: 8000 },
      { ip: '192.0.2.12', port: 8001 },
    ];
    const b = ctx.driver.supports('createBalancer') ? await testBalancer(ctx, members) : undefined;
    if (!b) return;
    const listed = await ctx.driver.balancerListMembers(b);
    for (const m of listed) expect(m).toBeInstanceOf(Member);
    expect(await memberKeys(ctx, b)).toEqual(['192.0.2.11:8000', '192.0.2.12:8001']);
    expect(new Set(listed.map((m) => m.id)).size).toBe(listed.length);
  },
};
