import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The import direction of the CloudAPI driver (docs/architecture.md, "Adding a provider"):
// auth/ and config/, and the client, options, wire types and pure mappers of cloudapi/, sit below
// the driver and its resource modules: none of them imports driver.ts, context.ts or a resource module.

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Every .ts file under `dir`, relative to src/. */
function tsFiles(dir: string): string[] {
  return readdirSync(path.join(SRC, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(rel);
    return e.name.endsWith('.ts') ? [rel] : [];
  });
}

/** The src-relative files `file` imports (relative specifiers only; `import type` included). */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gms),
    ...text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] as string);
  return specs.map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(file), s)).replace(/\.js$/, '.ts'));
}

/** The driver and its resource modules: what the lower layers must never import. */
const UPPER = new Set(
  [
    'driver',
    'deprecated',
    'context',
    'nodes',
    'catalog',
    'key-pairs',
    'tags',
    'metadata',
    'snapshots',
    'firewall',
    'networks',
    'account',
    'search',
    'datacenters',
    'waits',
  ].map((m) => `cloudapi/${m}.ts`),
);

/** The lower layers: credentials and signing, configuration readers, and the client with what it needs. */
const LOWER = [
  ...tsFiles('auth'),
  ...tsFiles('config'),
  ...[
    'client',
    'options',
    'wire',
    'errors',
    'state-map',
    'provider',
    'types',
    'to-node',
    'to-resources',
    'to-extras',
    'date',
    'ip',
    'ids',
    'paging',
    'list-query',
    'create-body',
    'capabilities',
  ].map((m) => `cloudapi/${m}.ts`),
];

describe('import layering of @cloudmux/joyent', () => {
  it('finds the files it checks', () => {
    expect(tsFiles('cloudapi')).toEqual(expect.arrayContaining([...UPPER]));
    expect(tsFiles('cloudapi')).toEqual(expect.arrayContaining(LOWER.filter((f) => f.startsWith('cloudapi/'))));
    expect(LOWER.filter((f) => f.startsWith('auth/')).length).toBeGreaterThan(5);
    expect(LOWER.filter((f) => f.startsWith('config/')).length).toBeGreaterThan(1);
    expect(importsOf('cloudapi/driver.ts')).toEqual(
      expect.arrayContaining(['cloudapi/nodes.ts', 'cloudapi/context.ts', 'config/from-env.ts']),
    );
  });

  it.each(LOWER)('%s imports neither the driver nor a resource module', (file) => {
    expect(importsOf(file).filter((target) => UPPER.has(target))).toEqual([]);
  });

  it('auth/ and config/ import nothing from cloudapi/ but its options', () => {
    const outside = [...tsFiles('auth'), ...tsFiles('config')].flatMap((f) =>
      importsOf(f)
        .filter((t) => t.startsWith('cloudapi/') && t !== 'cloudapi/options.ts')
        .map((t) => `${f} -> ${t}`),
    );
    expect(outside).toEqual([]);
  });

  it('the simulator stays apart from the driver', () => {
    const out = tsFiles('simulator').flatMap((f) =>
      importsOf(f)
        .filter((t) => !t.startsWith('simulator/'))
        .map((t) => `${f} -> ${t}`),
    );
    expect(out).toEqual([]);
  });

  it('the resource modules do not import the driver class', () => {
    const out = [...UPPER]
      .filter((f) => f !== 'cloudapi/driver.ts' && f !== 'cloudapi/deprecated.ts')
      .flatMap((f) =>
        importsOf(f)
          .filter((t) => t === 'cloudapi/driver.ts')
          .map((t) => `${f} -> ${t}`),
      );
    expect(out).toEqual([]);
  });
});
