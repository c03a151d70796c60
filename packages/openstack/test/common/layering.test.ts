import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** Package-relative path an import resolves to, or the bare specifier. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? relative(SRC, resolve(dirname(file), spec)) : spec;
}

describe('layering', () => {
  it('the simulator imports nothing outside src/simulator/ but node and the core testing kit', () => {
    const all = files(join(SRC, 'simulator')).flatMap((file) => imports(file));
    expect(all).toContain('@cloudmux/core/testing');
    const bad = files(join(SRC, 'simulator')).flatMap((file) =>
      imports(file)
        .map((spec) => target(file, spec))
        .filter((t) => !(t.startsWith('simulator/') || t.startsWith('node:') || t === '@cloudmux/core/testing'))
        .map((t) => `${relative(SRC, file)} → ${t}`),
    );
    expect(bad).toEqual([]);
  });

  it('identity, common and config import no service module, driver or simulator', () => {
    const dirs = ['identity', 'common', 'config'];
    const bad = dirs.flatMap((d) =>
      files(join(SRC, d)).flatMap((file) =>
        imports(file)
          .map((spec) => target(file, spec))
          .filter(
            (t) => !(dirs.some((x) => t.startsWith(`${x}/`)) || t.startsWith('node:') || t.startsWith('@cloudmux/core') || t === 'yaml'),
          )
          .map((t) => `${relative(SRC, file)} → ${t}`),
      ),
    );
    expect(bad).toEqual([]);
  });
});
