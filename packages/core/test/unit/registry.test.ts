import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DriverRegistry, InvalidArgumentError, UnknownProviderError } from '@cloudmux/core';
import { NodeDriver, type NodeDriverClass } from '@cloudmux/core/compute';
import { CloudError } from '@cloudmux/core/errors';

class ADriver extends NodeDriver {
  static override readonly provider = { id: 'a', name: 'A', api: 'test', regions: [] };
}

describe('DriverRegistry', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cloudmux-registry-'));
    // ES module loading through require(esm) is proven outside jest (packages/cloudmux/test/registry.test.ts):
    // jest's own require cannot load ES modules on Node 20.
    await writeFile(path.join(dir, 'x.cjs'), 'exports.XDriver = class XDriver { static provider = { id: "thirdparty" }; static capabilities = []; };\n');
    await writeFile(path.join(dir, 'count.cjs'), 'globalThis.__cloudmuxLoads = (globalThis.__cloudmuxLoads ?? 0) + 1; exports.CDriver = class CDriver {};\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('returns registered classes and lists ids when the id is unknown', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    r.set('a', ADriver as unknown as NodeDriverClass);
    r.set('b', '@cloudmux/nowhere', 'BDriver');
    expect(r.get('a')).toBe(ADriver);
    let error: unknown;
    try {
      r.get('nope');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownProviderError);
    expect((error as Error).message).toContain('"nope"');
    expect((error as Error).message).toContain('a, b');
    expect((error as UnknownProviderError).registered).toEqual(['a', 'b']);
  });

  it('refuses to replace an id unless asked to', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    r.set('a', ADriver as unknown as NodeDriverClass);
    expect(() => r.set('a', ADriver as unknown as NodeDriverClass)).toThrow(InvalidArgumentError);
    expect(() => r.set('a', ADriver as unknown as NodeDriverClass, { override: true })).not.toThrow();
    expect(() => r.set('c', 'some-module')).toThrow(/export name is required/);
  });

  it('loads a module specifier lazily, once, on first get (relative to the cwd, or a file URL)', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    const g = globalThis as { __cloudmuxLoads?: number };
    r.set('counted', pathToFileURL(path.join(dir, 'count.cjs')).href, 'CDriver');
    expect(g.__cloudmuxLoads).toBeUndefined();
    const first = r.get('counted');
    expect(r.get('counted')).toBe(first);
    expect(g.__cloudmuxLoads).toBe(1);

    const cwd = process.cwd();
    process.chdir(dir);
    try {
      r.set('thirdparty', './x.cjs', 'XDriver');
      const X = r.get('thirdparty') as unknown as { name: string; provider: { id: string } };
      expect(X.name).toBe('XDriver');
      expect(X.provider.id).toBe('thirdparty');
    } finally {
      process.chdir(cwd);
    }
  });

  it('says which package to install when a module is missing, and names missing exports', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    r.set('ghost', 'cloudmux-ghost-provider', 'GhostDriver', { packageName: 'cloudmux-ghost-provider' });
    expect(() => r.get('ghost')).toThrow(CloudError);
    expect(() => r.get('ghost')).toThrow(/npm install cloudmux-ghost-provider/);
    r.set('wrong', pathToFileURL(path.join(dir, 'x.cjs')).href, 'YDriver');
    expect(() => r.get('wrong')).toThrow(/has no export "YDriver".*XDriver/);
  });
});
