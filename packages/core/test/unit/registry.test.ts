import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
    await writeFile(
      path.join(dir, 'x.cjs'),
      'exports.XDriver = class XDriver { static provider = { id: "thirdparty" }; static capabilities = []; };\n',
    );
    await writeFile(
      path.join(dir, 'count.cjs'),
      'globalThis.__cloudmuxLoads = (globalThis.__cloudmuxLoads ?? 0) + 1; exports.CDriver = class CDriver {};\n',
    );
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

function loadError(r: DriverRegistry<NodeDriverClass>, id: string): CloudError {
  try {
    r.get(id);
  } catch (e) {
    expect(e).toBeInstanceOf(CloudError);
    return e as CloudError;
  }
  throw new Error('expected get() to fail');
}

describe('setDriver load errors (issue #9)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cloudmux-registry-errors-'));
    await writeFile(
      path.join(dir, 'needs-dep.cjs'),
      'require("cloudmux-missing-dependency-of-driver"); exports.DDriver = class DDriver {};\n',
    );
    await writeFile(path.join(dir, 'broken.cjs'), 'throw new Error("driver init exploded");\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('shows the resolved path it tried when the driver module itself is missing', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      r.set('gone', './no-such-driver.cjs', 'GDriver');
      const e = loadError(r, 'gone');
      expect(e.message).toContain('needs module "./no-such-driver.cjs", which is not installed or not found');
      expect(e.message).toContain(`tried ${path.join(dir, 'no-such-driver.cjs')}`);
    } finally {
      process.chdir(cwd);
    }
    r.set('bare', 'cloudmux-ghost-provider', 'GhostDriver', { resolveFrom: pathToFileURL(path.join(dir, 'x.js')).href });
    expect(loadError(r, 'bare').message).toContain(`looked up in the node_modules directories above ${dir}`);
  });

  it('says the driver module was found but one of its imports is missing (not blaming the driver module)', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    const file = path.join(dir, 'needs-dep.cjs');
    r.set('dep', pathToFileURL(file).href, 'DDriver', { packageName: 'cloudmux-dep-driver' });
    const e = loadError(r, 'dep');
    expect(e.message).toContain(
      `driver module "${pathToFileURL(file).href}" (resolved to ${file}) was found, but its import "cloudmux-missing-dependency-of-driver" is missing`,
    );
    expect(e.message).not.toContain('npm install cloudmux-dep-driver');
    expect(e.message).not.toMatch(/needs module .* not installed/);
    expect((e.cause as { code?: string }).code).toBe('MODULE_NOT_FOUND');
  });

  it('names the resolved path when the driver module throws while loading', () => {
    const r = new DriverRegistry<NodeDriverClass>('compute');
    const file = path.join(dir, 'broken.cjs');
    r.set('broken', pathToFileURL(file).href, 'BDriver');
    expect(loadError(r, 'broken').message).toContain(`(resolved to ${file}) failed to load: driver init exploded`);
  });
});

// Real require(esm) (top-level await, ESM imports) only happens outside jest, whose module system
// cannot require() ES modules on Node 20: these run the built registry in a child Node process.
describe('setDriver load errors with ES modules (built @cloudmux/core, child process)', () => {
  const built = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/common/registry.js');
  let dir: string;
  beforeAll(async () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" (npm test does) or "npx tsc -b packages/core"`);
    dir = await mkdtemp(path.join(os.tmpdir(), 'cloudmux-registry-esm-'));
    await writeFile(path.join(dir, 'tla.mjs'), 'await Promise.resolve();\nexport class TDriver {}\n');
    await writeFile(path.join(dir, 'esm-needs-dep.mjs'), 'import "cloudmux-missing-esm-dependency";\nexport class EDriver {}\n');
    await writeFile(path.join(dir, 'ok.mjs'), 'export class OkDriver {}\n');
  });
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

  function getIn(file: string, exportName: string): { message: string; causeCode: string | undefined; ok?: string } {
    const script = `
      import { DriverRegistry } from ${JSON.stringify(pathToFileURL(built).href)};
      const r = new DriverRegistry('compute');
      r.set('x', ${JSON.stringify(pathToFileURL(path.join(dir, file)).href)}, ${JSON.stringify(exportName)});
      try { const C = r.get('x'); console.log(JSON.stringify({ ok: C.name })); }
      catch (e) { console.log(JSON.stringify({ message: e.message, causeCode: e.cause && e.cause.code })); }
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').pop()!);
  }

  it('loads an ES module driver with require(esm)', () => {
    expect(getIn('ok.mjs', 'OkDriver').ok).toBe('OkDriver');
  });

  it('explains that driver modules are loaded with require and must not use top-level await', () => {
    const out = getIn('tla.mjs', 'TDriver');
    expect(out.causeCode).toBe('ERR_REQUIRE_ASYNC_MODULE');
    expect(out.message).toContain(`(resolved to ${path.join(dir, 'tla.mjs')}) uses top-level await`);
    expect(out.message).toContain('loaded synchronously with require()');
    expect(out.message).toContain('must not use top-level await');
  });

  it('says an ES module driver was found but its import is missing', () => {
    const out = getIn('esm-needs-dep.mjs', 'EDriver');
    expect(out.message).toContain(
      `(resolved to ${path.join(dir, 'esm-needs-dep.mjs')}) was found, but its import "cloudmux-missing-esm-dependency" is missing`,
    );
  });
});
