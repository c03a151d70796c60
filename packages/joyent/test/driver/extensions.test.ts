import { BadRequestError, NotFoundError } from '@cloudmux/core/errors';
import type { Node } from '@cloudmux/core/compute';
import type { JoyentNodeExtra } from '../../src/index.js';
import { requestLines, type SimContext, startSim } from '../support/sim.js';

let ctx: SimContext;
let node: Node<JoyentNodeExtra>;
beforeEach(async () => {
  ctx = await startSim({ provisionDelayMs: 5 });
  const [size] = await ctx.driver.exFindSizes(/^g4-highcpu-128M$/);
  const [image] = await ctx.driver.exFindImages(/^base-64-lts$/);
  node = await ctx.driver.createNode({ name: 'x1', size: size!.id, image: image!.id });
  node = await ctx.driver.exWaitForState(node, 'running', { pollIntervalMs: 5, timeoutMs: 5000 });
});
afterEach(() => ctx.close());

describe('snapshots', () => {
  it('creates, waits for, lists, gets, boots from and deletes snapshots', async () => {
    const snap = await ctx.driver.exCreateSnapshot(node, { name: 'before' });
    expect(snap).toMatchObject({ id: 'before', name: 'before', sourceId: node.id });
    const created = await ctx.driver.exWaitForSnapshot(node, snap, { pollIntervalMs: 5, timeoutMs: 5000 });
    expect(created.state).toBe('created');
    expect((await ctx.driver.exListSnapshots(node)).map((s) => s.name)).toEqual(['before']);
    expect((await ctx.driver.exGetSnapshot(node, 'before')).state).toBe('created');

    await ctx.driver.stopNode(node);
    await ctx.driver.exWaitForState(node, 'stopped', { pollIntervalMs: 5, timeoutMs: 5000 });
    expect(await ctx.driver.exStartFromSnapshot(node, 'before')).toBe(true);
    await ctx.driver.exWaitForState(node, 'running', { pollIntervalMs: 5, timeoutMs: 5000 });

    expect(await ctx.driver.exDeleteSnapshot(node, created)).toBe(true);
    await expect(ctx.driver.exGetSnapshot(node, 'before')).rejects.toThrow(NotFoundError);
  });
});

describe('metadata and boot script', () => {
  it('sets, gets, lists, deletes one and deletes all', async () => {
    expect(await ctx.driver.exSetMetadata(node, { a: '1', b: 'two' })).toMatchObject({ a: '1', b: 'two' });
    expect(await ctx.driver.exGetMetadata(node, 'b')).toBe('two');
    expect(await ctx.driver.exDeleteMetadata(node, 'a')).toBe(true);
    const md = await ctx.driver.exListMetadata(node);
    expect(md).toMatchObject({ b: 'two' });
    expect(md).not.toHaveProperty('a');
    await expect(ctx.driver.exGetMetadata(node, 'a')).rejects.toThrow(NotFoundError);
    expect(await ctx.driver.exDeleteAllMetadata(node)).toBe(true);
    expect(await ctx.driver.exListMetadata(node)).not.toHaveProperty('b');
    await expect(ctx.driver.exSetMetadata(node, { credentials: 'x' })).rejects.toThrow(/cannot be written/);
  });

  it('lists credentials only when asked', async () => {
    await ctx.driver.exListMetadata(node, { credentials: true });
    expect(requestLines(ctx.sim)).toContain(`GET /demo/machines/${node.id}/metadata?credentials=true`);
  });

  it('sets and deletes the boot script (user-script)', async () => {
    await ctx.driver.exSetBootScript(node, '#!/bin/sh\nuptime');
    expect(await ctx.driver.exGetMetadata(node, 'user-script')).toBe('#!/bin/sh\nuptime');
    expect(await ctx.driver.exDeleteBootScript(node)).toBe(true);
    expect(await ctx.driver.exListMetadata(node)).not.toHaveProperty('user-script');
  });
});

describe('tags', () => {
  it('adds, gets, replaces, deletes one and deletes all', async () => {
    expect(await ctx.driver.exAddTags(node, { role: 'web', weight: 3, canary: true })).toEqual({ role: 'web', weight: 3, canary: true });
    expect(await ctx.driver.exGetTag(node, 'role')).toBe('web');
    expect(await ctx.driver.exGetTag(node, 'weight')).toBe(3);
    expect(await ctx.driver.exReplaceTags(node, { role: 'db' })).toEqual({ role: 'db' });
    expect(await ctx.driver.exListTags(node)).toEqual({ role: 'db' });
    expect(await ctx.driver.exDeleteTag(node, 'role')).toBe(true);
    await expect(ctx.driver.exGetTag(node, 'role')).rejects.toThrow(NotFoundError);
    await ctx.driver.exAddTags(node, { a: 'b' });
    expect(await ctx.driver.exDeleteAllTags(node)).toBe(true);
    expect(await ctx.driver.exListTags(node)).toEqual({});
  });
});

describe('networks and NICs', () => {
  it('lists and gets networks', async () => {
    const nets = await ctx.driver.exListNetworks();
    expect(nets.length).toBeGreaterThan(0);
    expect(nets.some((n) => n.public)).toBe(true);
    expect((await ctx.driver.exGetNetwork(nets[0]!.id)).id).toBe(nets[0]!.id);
    await expect(ctx.driver.exGetNetwork('00000000-0000-4000-8000-000000000000')).rejects.toThrow(NotFoundError);
  });

  it('lists, adds, gets and removes NICs (MAC without colons in paths)', async () => {
    const before = await ctx.driver.exListNics(node);
    expect(before.length).toBeGreaterThan(0);
    const nets = await ctx.driver.exListNetworks();
    const unused = nets.find((n) => !before.some((nic) => nic.network === n.id)) ?? nets[0]!;
    const nic = await ctx.driver.exAddNic(node, unused.id);
    expect(nic.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    expect((await ctx.driver.exGetNic(node, nic.mac)).ip).toBe(nic.ip);
    expect(requestLines(ctx.sim)).toContain(`GET /demo/machines/${node.id}/nics/${nic.mac.replace(/:/g, '')}`);
    expect(await ctx.driver.exRemoveNic(node, nic)).toBe(true);
  });
});

describe('firewall rules', () => {
  it('creates, updates, enables, disables, lists and deletes rules', async () => {
    const rule = await ctx.driver.exCreateFirewallRule({ rule: 'FROM any TO all vms ALLOW tcp PORT 22', description: 'ssh' });
    expect(rule).toMatchObject({ enabled: false, description: 'ssh', global: false });
    expect((await ctx.driver.exEnableFirewallRule(rule)).enabled).toBe(true);
    const updated = await ctx.driver.exUpdateFirewallRule(rule.id, { rule: 'FROM any TO all vms ALLOW tcp PORT 2222' });
    expect(updated.rule).toBe('FROM any TO all vms ALLOW tcp PORT 2222');
    expect((await ctx.driver.exDisableFirewallRule(rule)).enabled).toBe(false);
    expect((await ctx.driver.exGetFirewallRule(rule.id)).id).toBe(rule.id);
    expect((await ctx.driver.exListFirewallRules()).map((r) => r.id)).toContain(rule.id);
    await ctx.driver.exEnableFirewallRule(rule);
    const covered = await ctx.driver.exListFirewallRuleNodes(rule);
    expect(covered.map((n) => n.id)).toContain(node.id);
    expect((await ctx.driver.exListNodeFirewallRules(node)).map((r) => r.id)).toContain(rule.id);
    expect(await ctx.driver.exDeleteFirewallRule(rule)).toBe(true);
    await expect(ctx.driver.exGetFirewallRule(rule.id)).rejects.toThrow(NotFoundError);
    await expect(ctx.driver.exCreateFirewallRule({ rule: '' })).rejects.toThrow(/rule \(the rule text\) is required/);
    await expect(ctx.driver.exCreateFirewallRule({ rule: 'FROM nowhere' })).rejects.toThrow(BadRequestError);
  });
});

describe('account and ping', () => {
  it('gets and updates the account', async () => {
    const acct = await ctx.driver.exGetAccount();
    expect(acct.login).toBe('demo');
    const updated = await ctx.driver.exUpdateAccount({ companyName: 'Acme', firstName: 'Ada' });
    expect(updated).toMatchObject({ login: 'demo', companyName: 'Acme', firstName: 'Ada' });
    expect((await ctx.driver.exGetAccount()).companyName).toBe('Acme');
  });

  it('pings and reports versions', async () => {
    const ping = await ctx.driver.exPing();
    expect(ping.versions).toEqual(expect.arrayContaining(['7.0.0', '9.0.0']));
  });
});
