// A third-party package may only use @cloudmux/core's public entry points: this reads every import of
// src/ and fails on anything else from the monorepo (another package, a deep core path, a relative
// path leaving src/), and on any npm dependency not declared in package.json. It also pins the
// layering: the simulator imports nothing of the driver (only the shared XML-RPC codec).
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PKG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = path.join(PKG, 'src');
const core = JSON.parse(readFileSync(path.join(PKG, '../core/package.json'), 'utf8')) as { exports: Record<string, unknown> };
const own = JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

/** `@cloudmux/core`, `@cloudmux/core/compute`…: what core's package.json `exports` publishes. */
const CORE_ENTRY_POINTS = new Set(
  Object.keys(core.exports)
    .filter((k) => k !== './package.json')
    .map((k) => (k === '.' ? '@cloudmux/core' : `@cloudmux/core/${k.slice(2)}`)),
);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier of a file: static imports/exports (type-only too), dynamic import(), require(). */
function specifiersOf(text: string): string[] {
  return [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gms),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string);
}

const NODE_BUILTINS = new Set(builtinModules);
const files = tsFiles(SRC);

describe('@cloudmux/stratuslab imports only public entry points', () => {
  it('finds the source files and their imports (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(specifiersOf("import { a } from '@cloudmux/core';\nexport type { b } from './x.js';\nconst c = await import('y');")).toEqual([
      '@cloudmux/core',
      './x.js',
      'y',
    ]);
  });

  it.each(files.map((f) => [path.relative(PKG, f), f]))('%s', (_rel, file) => {
    const problems: string[] = [];
    for (const spec of specifiersOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (!target.startsWith(SRC + path.sep)) problems.push(`${spec}: a relative import leaving src/`);
        continue;
      }
      if (spec.startsWith('node:') || NODE_BUILTINS.has(spec)) continue;
      if (spec.startsWith('@cloudmux/')) {
        if (!CORE_ENTRY_POINTS.has(spec))
          problems.push(`${spec}: not one of @cloudmux/core's public entry points (${[...CORE_ENTRY_POINTS].join(', ')})`);
        continue;
      }
      if (spec === 'cloudmux' || spec.startsWith('cloudmux/')) {
        problems.push(`${spec}: the umbrella package`);
        continue;
      }
      const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
      if (!(pkg in own.dependencies)) problems.push(`${spec}: not a dependency in package.json`);
    }
    expect(problems).toEqual([]);
  });

  it('declares only @cloudmux/core from the monorepo as a dependency', () => {
    expect(Object.keys(own.dependencies).filter((d) => d.startsWith('@cloudmux/') || d === 'cloudmux')).toEqual(['@cloudmux/core']);
  });

  it('keeps the simulator independent of the driver (it shares only the XML-RPC codec)', () => {
    const problems = files
      .filter((f) => f.startsWith(path.join(SRC, 'simulator') + path.sep))
      .flatMap((f) =>
        specifiersOf(readFileSync(f, 'utf8'))
          .filter((s) => s.startsWith('.'))
          .map((s) => path.resolve(path.dirname(f), s))
          .filter((t) => !t.startsWith(path.join(SRC, 'simulator') + path.sep) && !t.startsWith(path.join(SRC, 'xmlrpc') + path.sep))
          .map((t) => `${path.relative(SRC, f)} imports ${path.relative(SRC, t)}`),
      );
    expect(problems).toEqual([]);
  });
});
