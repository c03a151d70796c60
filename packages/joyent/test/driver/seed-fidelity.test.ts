import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, NotSupportedError } from '@cloudmux/core/errors';
import { NodeState } from '@cloudmux/core/compute';
import { isLegacyRange, JoyentNodeDriver } from '../../src/index.js';
import { readJoyentEnv } from '../../src/config/from-env.js';
import { startSim, type SimContext } from '../support/sim.js';

let s: SimContext;
let dir: string;
beforeEach(async () => {
  s = await startSim({ snapshotDelayMs: 30 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'cloudmux-joyent-'));
});
afterEach(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function runningNode(driver: JoyentNodeDriver = s.driver) {
  const size = (await driver.exGetDefaultSize())!;
  const image = (await driver.exGetDefaultImage())!;
  const node = await driver.createNode({ name: 'src', size, image });
  return driver.exWaitForState(node, NodeState.RUNNING, { pollIntervalMs: 100, timeoutMs: 10_000 });
}

describe('exCreateImageFromNode / exWaitForImage', () => {
  it('creates an image of a machine and waits until it is active', async () => {
    const node = await runningNode();
    const image = await s.driver.exCreateImageFromNode(node, { name: 'golden', version: '1.0.0', description: 'web' });
    expect(image.extra).toMatchObject({ state: 'creating', version: '1.0.0' });
    const active = await s.driver.exWaitForImage(image, { pollIntervalMs: 100, timeoutMs: 10_000 });
    expect(active).toMatchObject({ id: image.id, name: 'golden', extra: { state: 'active' } });
    expect((await s.driver.listImages()).some((i) => i.equals(active))).toBe(true);
    expect(active.extra.description).toBe('web');
    await expect(s.driver.exCreateImageFromNode(node, { name: 'golden', version: '1.0.0' })).rejects.toThrow(/already exists/);
  });

  it('refuses a blank name before any request, and 6.5 mode', async () => {
    await expect(s.driver.exCreateImageFromNode('m', { name: ' ', version: '1' })).rejects.toThrow(InvalidArgumentError);
    const old = s.makeDriver({ apiVersion: '~6.5' });
    await expect(old.exCreateImageFromNode('m', { name: 'a', version: '1' })).rejects.toThrow(NotSupportedError);
  });
});

describe('createNode ex.userScriptFile and ex.useDefaults', () => {
  it('reads the boot script from a file', async () => {
    const file = path.join(dir, 'boot.sh');
    writeFileSync(file, '#!/bin/sh\necho hello\n');
    const size = (await s.driver.exGetDefaultSize())!;
    const image = (await s.driver.exGetDefaultImage())!;
    const node = await s.driver.createNode({ size, image, ex: { userScriptFile: file } });
    expect(await s.driver.exGetMetadata(node, 'user-script')).toBe('#!/bin/sh\necho hello\n');
    await expect(s.driver.createNode({ size, image, ex: { userScriptFile: file, userScript: 'x' } })).rejects.toThrow(/once/);
    await expect(s.driver.createNode({ size, image, ex: { userScriptFile: path.join(dir, 'nope') } })).rejects.toThrow(
      /cannot read .*nope \(ENOENT\)/,
    );
  });

  it('picks the default package and image only when ex.useDefaults is true', async () => {
    const node = await s.driver.createNode({ name: 'dflt', ex: { useDefaults: true } });
    const size = (await s.driver.exGetDefaultSize())!;
    const image = (await s.driver.exGetDefaultImage())!;
    expect(node).toMatchObject({ name: 'dflt', imageId: image.id });
    expect([size.id, size.name]).toContain(node.sizeId);
    await expect(s.driver.createNode({ image } as never)).rejects.toThrow(/size .*required .*useDefaults/);
  });
});

describe('debug: { file }', () => {
  it('traces this driver only, redacted', async () => {
    const file = path.join(dir, 'trace.log');
    const d = s.makeDriver({ debug: { file } });
    await d.listNodes();
    const trace = readFileSync(file, 'utf8');
    expect(trace).toMatch(/> GET .*\/demo\/machines/);
    expect(trace).toMatch(/curl /);
    expect(trace).not.toMatch(/Signature keyId="[^"]+",algorithm="[^"]+",(headers="[^"]*",)?signature="[A-Za-z0-9+/]{20}/);
    await s.driver.listNodes();
    expect(readFileSync(file, 'utf8')).toBe(trace);
    expect(() => s.makeDriver({ debug: { file: '' } })).toThrow(InvalidArgumentError);
  });
});

describe('CloudAPI 6.5 through apiVersion alone', () => {
  it('recognises ranges that admit only 6.x', () => {
    expect(isLegacyRange('~6.5')).toBe(true);
    expect(isLegacyRange('6.5.0')).toBe(true);
    expect(isLegacyRange('~6||~5')).toBe(true);
    expect(isLegacyRange('~7||~6.5')).toBe(false);
    expect(isLegacyRange('~9||~8||~7')).toBe(false);
    expect(isLegacyRange('*')).toBe(false);
  });

  it('SDC_API_VERSION=~6.5 speaks datasets and packages by name; imageId matches listImages ids', async () => {
    const cfg = readJoyentEnv({ SDC_URL: s.sim.url, SDC_ACCOUNT: 'demo', SDC_API_VERSION: '~6.5', HOME: dir });
    const d = s.makeDriver({ apiVersion: cfg.options.apiVersion });
    const images = await d.listImages();
    expect(images.length).toBeGreaterThan(0);
    expect(images[0]!.extra.urn).toMatch(/^sdc:/);
    const size = (await d.exGetDefaultSize())!;
    const image = (await d.exGetDefaultImage())!;
    const node = await d.createNode({ name: 'old', size, image });
    expect(node.imageId).toBe(image.id);
    expect(node.extra.dataset).toBe(image.extra.urn);
    const listed = (await d.listNodes()).find((n) => n.id === node.id)!;
    expect(listed.imageId).toBe(image.id);
    expect(images.map((i) => i.id)).toContain((await d.getNode(node.id)).imageId);
    const lines = s.sim.server.requests.map((r) => `${r.method} ${r.path}`);
    expect(lines).toContain('GET /demo/datasets');
    expect(lines).not.toContain('GET /demo/images');
    expect(() => s.makeDriver({ apiVersion: '~6.5', legacy65: false })).toThrow(/legacy/);
  });
});

describe('equals()', () => {
  it('a listed node equals the same node fetched again, not another one', async () => {
    const node = await runningNode();
    const [listed] = await s.driver.listNodes();
    expect(listed!.equals(node)).toBe(true);
    expect(listed!.equals(await runningNode())).toBe(false);
  });
});
