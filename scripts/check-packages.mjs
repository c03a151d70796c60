#!/usr/bin/env node
// Package hygiene, run by `npm test`: for every workspace package, the @cloudmux/* dependencies in
// package.json and the project references in tsconfig.json name the same packages; every bare
// import in src/ is a declared dependency (with its @types/* package when it ships no types of its
// own); `files` ships dist/ and never src/; `sideEffects` is declared. Exit 1 listing every problem.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const problems = [];
const builtins = new Set(builtinModules);

function readJson(file) {
  // tsconfig.json may carry comments and trailing commas.
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\/|(^|[^:"])\/\/.*$/gm, '$1')
    .replace(/,(\s*[}\]])/g, '$1');
  return JSON.parse(text);
}

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|mts|cts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Package name of a bare specifier (`@scope/name/sub` → `@scope/name`), or undefined for relative/builtin. */
function packageOf(spec) {
  if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || builtins.has(spec)) return undefined;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Whether installed package `name` ships its own type declarations (looked up like Node does, upwards). */
function shipsTypes(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const pjFile = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(pjFile)) {
      const pj = JSON.parse(readFileSync(pjFile, 'utf8'));
      if (pj.types || pj.typings || JSON.stringify(pj.exports ?? {}).includes('"types"')) return true;
      return existsSync(path.join(path.dirname(pjFile), 'index.d.ts'));
    }
    if (path.dirname(dir) === dir) return false;
  }
}

const names = new Map();
for (const ws of rootPkg.workspaces)
  names.set(path.resolve(root, ws), JSON.parse(readFileSync(path.join(root, ws, 'package.json'), 'utf8')).name);

for (const ws of rootPkg.workspaces) {
  const dir = path.resolve(root, ws);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const where = `${pkg.name} (${ws})`;
  const declared = new Set([
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
    ...Object.keys(pkg.optionalDependencies ?? {}),
  ]);

  const refs = (readJson(path.join(dir, 'tsconfig.json')).references ?? []).map(
    (r) => names.get(path.resolve(dir, r.path)) ?? `unknown reference ${r.path}`,
  );
  const internalDeps = [...declared].filter((d) => [...names.values()].includes(d));
  for (const d of internalDeps) if (!refs.includes(d)) problems.push(`${where}: depends on ${d} but tsconfig.json has no reference to it`);
  for (const r of refs)
    if (!internalDeps.includes(r)) problems.push(`${where}: tsconfig.json references ${r} but package.json does not depend on it`);

  const imported = new Map();
  for (const file of sourceFiles(path.join(dir, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      const name = packageOf(m[1] ?? m[2]);
      if (name && name !== pkg.name && !imported.has(name)) imported.set(name, path.relative(root, file));
    }
  }
  for (const [name, file] of imported) {
    if (!declared.has(name)) problems.push(`${where}: ${file} imports ${name}, which is not in dependencies or peerDependencies`);
    else if (
      !name.startsWith('@types/') &&
      !names.has(name) &&
      ![...names.values()].includes(name) &&
      !shipsTypes(name, dir) &&
      !declared.has(`@types/${name.replace(/^@(.*)\/(.*)$/, '$1__$2')}`)
    ) {
      problems.push(`${where}: ${name} ships no types; its published .d.ts need @types/${name} in dependencies`);
    }
  }

  const files = pkg.files ?? [];
  if (!files.includes('dist')) problems.push(`${where}: "files" must include dist`);
  if (files.some((f) => f === 'src' || f.startsWith('src/'))) problems.push(`${where}: "files" ships src/`);
  if (!('sideEffects' in pkg)) problems.push(`${where}: declare "sideEffects" (false, or the files that register something at import)`);
}

if (problems.length > 0) {
  console.error(`check-packages: ${problems.length} problem(s)\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-packages: ${rootPkg.workspaces.length} packages consistent (references, dependencies, files, sideEffects)`);
