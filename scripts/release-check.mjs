#!/usr/bin/env node
// Release check: the packages install and work like a user's, and lerna versions them together.
//   node scripts/release-check.mjs [--keep] [--build] [--online]
//     --keep    keep the temporary directories (printed) for a look afterwards
//     --build   run `tsc -b` first even when every package's dist/ exists
//     --online  let `npm install` revalidate registry metadata (default --prefer-offline: the warm
//               npm cache answers, the registry only for what is missing)
// Steps, one line each, then PASS/FAIL (exit 1 with the failing step's output):
//   1. lerna      fixed mode: every package at lerna.json's version, cross-dependencies pinned
//                 exactly; `lerna version prerelease` run in a scratch copy of the manifests
//                 (never in the repo) bumps all of them and every pin together
//   2. build      dist/ present (else `tsc -b`), no stale outputs without a source file
//   3. deps       every bare import in published .js/.d.ts is a declared dependency; .d.ts imports
//                 of untyped packages have their @types/* in dependencies
//   4. pack       `npm pack` of each publishable package: no src/, tests, source maps or build
//                 info; every exports/main/types/bin target inside
//   5. install    a scratch project in os.tmpdir() installs all tarballs in one `npm install`;
//                 every @cloudmux/* package resolves to its tarball
//   6. smoke      import + require of every exports subpath, getDriver(Provider.JOYENT/EC2)
//                 against the installed simulators (scripts/release-check/smoke.mjs)
//   7. types      a strict TypeScript consumer (ESM and CommonJS) type-checks against the
//                 published .d.ts with skipLibCheck false
// The repository is left as it was: the check compares the hash and `git status` of every file
// lerna could touch before and after, and removes packages/core/pricing (made by core's prepack)
// if it was not there before.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HERE = path.join(REPO, 'scripts', 'release-check');
const argv = new Set(process.argv.slice(2));
for (const a of argv) {
  if (!['--keep', '--build', '--online'].includes(a)) {
    console.error(`release-check: unknown argument ${a} (use --keep, --build, --online)`);
    process.exit(2);
  }
}
const KEEP = argv.has('--keep');
const requireRepo = createRequire(path.join(REPO, 'package.json'));
const ts = requireRepo('typescript');
const TSC = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const LERNA = path.join(REPO, 'node_modules', 'lerna', 'dist', 'cli.js');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

class StepError extends Error {
  constructor(message, output = '') {
    super(message);
    this.output = output;
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const sha = (file) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');
const rel = (file) => path.relative(REPO, file) || '.';
const packageNameOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const typesPackageOf = (name) => `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;

/** Child environment without what an enclosing `npm test` adds about the monorepo (its prefix,
 * workspaces, lifecycle, and its package.json `allowScripts`, which a user's install would not
 * have), and without CLOUDMUX_* settings (CLOUDMUX_PRICING_DIR would feed the repo's data). */
function childEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      /^(npm_(config_(local_prefix|prefix|workspaces?|include_workspace_root|global|allow_scripts)$|package_|lifecycle_)|INIT_CWD$|CLOUDMUX_)/i.test(
        k,
      )
    )
      continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Runs a command; returns its output, or throws StepError with everything it printed. */
function run(cmd, args, { cwd = REPO, env = childEnv(), allowFail = false } = {}) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (!allowFail && (r.error || r.status !== 0)) {
    throw new StepError(
      `\`${[path.basename(cmd), ...args].join(' ')}\` in ${cwd} failed (${r.error?.message ?? `exit ${r.status}`})`,
      output,
    );
  }
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', output };
}

function filesUnder(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, out);
    else out.push(full);
  }
  return out;
}

/** Every file target of an `exports` map (all conditions), plus main/types/bin. */
function packageTargets(pkg) {
  const out = new Set();
  const walk = (v) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pkg.exports);
  for (const f of [pkg.main, pkg.types, pkg.typings]) if (f) out.add(f);
  if (typeof pkg.bin === 'string') out.add(pkg.bin);
  else if (pkg.bin) Object.values(pkg.bin).forEach((f) => out.add(f));
  return [...out].filter((f) => !f.includes('*')).map((f) => path.posix.normalize(f));
}

/** Every `types` target (top-level field and `types` conditions of `exports`). */
function typesTargets(pkg) {
  const out = new Set([pkg.types, pkg.typings].filter(Boolean));
  const walk = (v) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, w] of Object.entries(v)) {
      if (k === 'types' && typeof w === 'string') out.add(w);
      else walk(w);
    }
  };
  walk(pkg.exports);
  return [...out].map((f) => path.posix.normalize(f));
}

// ---------------------------------------------------------------------------------------------
const root = readJson(path.join(REPO, 'package.json'));
const lernaJson = readJson(path.join(REPO, 'lerna.json'));
const workspaceDirs = (root.workspaces ?? []).map((w) => path.join(REPO, w));
const all = workspaceDirs.map((dir) => ({ dir, pkg: readJson(path.join(dir, 'package.json')) }));
const publishable = all.filter((p) => !p.pkg.private);
const publishableNames = new Set(publishable.map((p) => p.pkg.name));
const LERNA_FILES = ['lerna.json', 'package.json', 'package-lock.json', ...all.map((p) => rel(path.join(p.dir, 'package.json')))];
const CORE_PRICING = path.join(REPO, 'packages', 'core', 'pricing');

const tmpRoot = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'cloudmux-release-check-')));
const tarballDir = path.join(tmpRoot, 'tarballs');
const scratch = path.join(tmpRoot, 'app');
const ctx = { tarballs: [], packResults: [] };

function repoState() {
  const hashes = LERNA_FILES.map((f) => `${f} ${sha(path.join(REPO, f))}`).join('\n');
  const git = run('git', ['status', '--porcelain', '--untracked-files=all', '--', ...LERNA_FILES], { allowFail: true }).stdout;
  return `${hashes}\n${git}`;
}

const STEPS = [
  {
    name: 'lerna',
    run() {
      const version = lernaJson.version;
      if (!version || version === 'independent')
        throw new StepError(`lerna.json: "version" must be one fixed version (fixed mode), found ${JSON.stringify(version)}`);
      checkVersions(
        all.map((p) => p.pkg),
        version,
        'repo',
      );

      // A copy of exactly the manifests lerna reads and writes; lerna runs there, never in the repo.
      const copy = path.join(tmpRoot, 'lerna');
      for (const f of LERNA_FILES) {
        mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
        if (existsSync(path.join(REPO, f))) copyFileSync(path.join(REPO, f), path.join(copy, f));
      }
      const env = childEnv({ NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true', CI: 'true' });
      const listed = JSON.parse(run(process.execPath, [LERNA, 'ls', '--all', '--json', '--loglevel', 'error'], { cwd: copy, env }).stdout);
      const lernaDirs = listed.map((p) => path.relative(copy, p.location)).sort();
      const npmDirs = all.map((p) => rel(p.dir)).sort();
      if (lernaDirs.join() !== npmDirs.join()) {
        throw new StepError(
          `lerna.json "packages" and package.json "workspaces" disagree:\n  lerna: ${lernaDirs.join(', ')}\n  npm:   ${npmDirs.join(', ')}`,
        );
      }
      const lernaPublishable = listed
        .filter((p) => !p.private)
        .map((p) => p.name)
        .sort();
      if (lernaPublishable.join() !== [...publishableNames].sort().join())
        throw new StepError(`lerna ls and package.json "private" disagree on what is published: ${lernaPublishable.join(', ')}`);

      run(
        process.execPath,
        [
          LERNA,
          'version',
          'prerelease',
          '--preid',
          'rc',
          '--no-git-tag-version',
          '--no-push',
          '--no-changelog',
          '--force-publish',
          '--yes',
          '--loglevel',
          'error',
        ],
        { cwd: copy, env },
      );
      const bumped = readJson(path.join(copy, 'lerna.json')).version;
      if (!bumped || bumped === version) throw new StepError(`lerna version left lerna.json at ${bumped}`);
      checkVersions(
        all.map((p) => readJson(path.join(copy, rel(p.dir), 'package.json'))),
        bumped,
        'after `lerna version`',
      );
      const lock = existsSync(path.join(copy, 'package-lock.json')) ? readJson(path.join(copy, 'package-lock.json')) : undefined;
      if (lock) {
        const stale = all.map((p) => rel(p.dir)).filter((d) => lock.packages?.[d] && lock.packages[d].version !== bumped);
        if (stale.length > 0) throw new StepError(`lerna version did not update package-lock.json for: ${stale.join(', ')}`);
      }
      return `fixed ${version}; \`lerna version prerelease\` in a copy moved all ${all.length} packages and their pins to ${bumped} together`;
    },
  },
  {
    name: 'build',
    run() {
      const missing = publishable
        .flatMap(({ dir, pkg }) => packageTargets(pkg).map((f) => path.join(dir, f)))
        .filter((f) => !existsSync(f));
      let built = '';
      if (missing.length > 0 || argv.has('--build')) {
        run(process.execPath, [TSC, '-b']);
        built = missing.length > 0 ? ` (ran tsc -b: ${rel(missing[0])} was missing)` : ' (ran tsc -b)';
        const still = missing.filter((f) => !existsSync(f));
        if (still.length > 0)
          throw new StepError(`after tsc -b these exports targets are still missing:\n  ${still.map(rel).join('\n  ')}`);
      }
      // tsc -b never deletes outputs of removed sources; npm pack would publish them.
      const stale = [];
      for (const { dir } of publishable) {
        for (const file of filesUnder(path.join(dir, 'dist'))) {
          const m = /^(.*?)(\.d\.ts|\.js)(\.map)?$/.exec(path.relative(path.join(dir, 'dist'), file));
          if (!m) continue;
          if (!['.ts', '.tsx', '.mts'].some((ext) => existsSync(path.join(dir, 'src', m[1] + ext)))) stale.push(rel(file));
        }
      }
      if (stale.length > 0)
        throw new StepError(
          `stale build output with no source file would be published (run \`npm run clean && npm run build\`):\n  ${stale.join('\n  ')}`,
        );
      return `dist/ of ${publishable.length} packages present and current${built}`;
    },
  },
  {
    name: 'deps',
    run() {
      const problems = [];
      let files = 0;
      for (const { dir, pkg } of publishable) {
        const declared = { ...pkg.peerDependencies, ...pkg.optionalDependencies, ...pkg.dependencies };
        for (const [name, spec] of Object.entries(declared)) {
          if (/^(file|link|workspace|portal):/.test(String(spec)))
            problems.push(`${pkg.name}: dependency ${name}@${spec} only resolves inside the monorepo`);
          if (publishableNames.has(name) || all.some((p) => p.pkg.name === name && p.pkg.private)) {
            if (!publishableNames.has(name)) problems.push(`${pkg.name}: depends on private package ${name}`);
          }
        }
        for (const file of filesUnder(path.join(dir, 'dist')).filter((f) => /\.(d\.ts|js)$/.test(f))) {
          files += 1;
          const dts = file.endsWith('.d.ts');
          // ESM output: static and dynamic import(), import types; require() scanning would also match
          // unrelated `x.require('Name')` calls.
          const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, false);
          const specs = [...info.importedFiles.map((i) => i.fileName), ...info.typeReferenceDirectives.map((t) => t.fileName)];
          for (const spec of specs) {
            if (spec.startsWith('.') || spec.startsWith('/') || BUILTINS.has(spec) || spec.startsWith('node:')) continue;
            const name = packageNameOf(spec);
            if (name === pkg.name) continue;
            if (!(name in declared)) {
              problems.push(`${pkg.name}: ${rel(file)} imports "${spec}" but ${name} is not in dependencies`);
              continue;
            }
            if (dts && !name.startsWith('@types/') && !hasOwnTypes(name, dir)) {
              const t = typesPackageOf(name);
              if (!(t in declared))
                problems.push(`${pkg.name}: ${rel(file)} exposes types of "${spec}", which has none of its own; add ${t} to dependencies`);
            }
          }
        }
      }
      const unique = [...new Set(problems)];
      if (unique.length > 0) throw new StepError(`${unique.length} dependency problem(s):\n  ${unique.join('\n  ')}`);
      return `${files} published .js/.d.ts files import only declared dependencies`;
    },
  },
  {
    name: 'pack',
    run() {
      mkdirSync(tarballDir, { recursive: true });
      const hadPricing = existsSync(CORE_PRICING);
      let out;
      try {
        // npm runs each package's prepack (core copies the pricing data in), as `npm publish` does.
        out = run('npm', ['pack', '--json', '--pack-destination', tarballDir, ...publishable.flatMap((p) => ['--workspace', rel(p.dir)])]);
      } finally {
        if (!hadPricing) rmSync(CORE_PRICING, { recursive: true, force: true });
      }
      const results = JSON.parse(out.stdout.slice(out.stdout.indexOf('[')));
      const problems = [];
      const FORBIDDEN = [
        [/^src\//, 'source (src/)'],
        [/(^|\/)(test|tests|__tests__|__mocks__)\//, 'a test directory'],
        [/\.(test|spec)\.[cm]?[jt]sx?$/, 'a test file'],
        [/\.map$/, 'a source map (its sources, src/, are not published)'],
        [/\.tsbuildinfo$|(^|\/)tsconfig[^/]*\.json$/, 'build configuration'],
      ];
      for (const r of results) {
        const { pkg } = publishable.find((p) => p.pkg.name === r.name);
        const files = new Set(r.files.map((f) => f.path));
        for (const f of files) {
          const hit = FORBIDDEN.find(([re]) => re.test(f));
          if (hit) problems.push(`${r.filename}: ships ${hit[1]}: ${f}`);
        }
        for (const f of ['package.json', 'README.md', ...packageTargets(pkg)]) {
          if (!files.has(f.replace(/^\.\//, ''))) problems.push(`${r.filename}: ${f} (named in package.json) is not in the tarball`);
        }
        for (const f of typesTargets(pkg)) if (!f.endsWith('.d.ts')) problems.push(`${pkg.name}: types entry ${f} is not a .d.ts file`);
        ctx.tarballs.push(path.join(tarballDir, r.filename));
      }
      ctx.packResults = results;
      if (problems.length > 0)
        throw new StepError(
          `${problems.length} tarball problem(s):\n  ${problems.slice(0, 40).join('\n  ')}${problems.length > 40 ? `\n  … ${problems.length - 40} more` : ''}`,
        );
      const kb = (n) => `${Math.round(n / 1024)} kB`;
      const total = results.reduce((s, r) => s + r.size, 0);
      return `${results.length} tarballs, ${kb(total)} packed (${results.map((r) => `${r.name} ${kb(r.size)}`).join(', ')})`;
    },
  },
  {
    name: 'install',
    run() {
      if (!path.relative(REPO, scratch).startsWith('..')) throw new StepError(`scratch project ${scratch} is inside the repository`);
      mkdirSync(scratch, { recursive: true });
      writeFileSync(
        path.join(scratch, 'package.json'),
        `${JSON.stringify({ name: 'cloudmux-release-check-scratch', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`,
      );
      const flags = ['--no-audit', '--no-fund', ...(argv.has('--online') ? [] : ['--prefer-offline'])];
      const out = run('npm', ['install', ...flags, ...ctx.tarballs], { cwd: scratch });
      const lock = readJson(path.join(scratch, 'package-lock.json'));
      const problems = [];
      for (const r of ctx.packResults) {
        const entry = lock.packages?.[`node_modules/${r.name}`];
        if (!entry?.resolved?.startsWith('file:') || !entry.resolved.endsWith(r.filename))
          problems.push(`${r.name} did not come from ${r.filename} (resolved: ${entry?.resolved ?? 'not installed'})`);
      }
      for (const key of Object.keys(lock.packages ?? {})) {
        const m = /node_modules\/.+\/node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(key);
        if (m && publishableNames.has(m[1])) problems.push(`a second copy of ${m[1]} at ${key} (a version or range mismatch)`);
      }
      if (problems.length > 0) throw new StepError(problems.join('\n'), out.output);
      const count = Object.keys(lock.packages ?? {}).filter((k) => k.startsWith('node_modules/')).length;
      return `${ctx.tarballs.length} tarballs + ${count - ctx.tarballs.length} registry packages in ${scratch}; every cloudmux package from its tarball`;
    },
  },
  {
    name: 'smoke',
    run() {
      for (const f of ['smoke.mjs', 'smoke.cjs', 'jest-stub-register.mjs', 'jest-stub-hooks.mjs'])
        copyFileSync(path.join(HERE, f), path.join(scratch, f));
      const r = run(process.execPath, ['smoke.mjs', ...ctx.packResults.map((p) => p.name)], { cwd: scratch, allowFail: true });
      if (r.status !== 0) throw new StepError('the smoke script failed in the scratch project', r.output);
      const checks = r.stdout.split('\n').filter((l) => l.startsWith('  ok')).length;
      if (process.env.RELEASE_CHECK_VERBOSE) process.stdout.write(r.stdout);
      return `${checks} checks: every exports subpath imports and requires; Joyent and EC2 drivers work against their installed simulators`;
    },
  },
  {
    name: 'types',
    run() {
      copyFileSync(path.join(HERE, 'consumer.ts'), path.join(scratch, 'consumer.ts'));
      const specifiers = ctx.packResults.flatMap(({ name }) => {
        const pkg = readJson(path.join(scratch, 'node_modules', name, 'package.json'));
        return Object.entries(pkg.exports ?? { '.': pkg.types })
          .filter(
            ([k, v]) =>
              !k.endsWith('.json') &&
              !k.includes('*') &&
              (typeof v === 'string' ? v.endsWith('.d.ts') : JSON.stringify(v).includes('"types"')),
          )
          .map(([k]) => (k === '.' ? name : `${name}${k.slice(1)}`));
      });
      const lines = specifiers.map((s, i) => `import type * as e${i} from '${s}';`);
      writeFileSync(
        path.join(scratch, 'entry-points.ts'),
        `// Generated by scripts/release-check.mjs: the types of every exports subpath.\n${lines.join('\n')}\nexport type { ${specifiers.map((_, i) => `e${i}`).join(', ')} };\n`,
      );
      // A CommonJS TypeScript user: `import` compiles to require(), which loads ESM on Node >= 20.19.
      writeFileSync(
        path.join(scratch, 'consumer-cjs.cts'),
        `import { getDriver, Provider } from 'cloudmux';\nimport type { JoyentNodeDriver } from '@cloudmux/joyent';\nexport const Joyent: typeof JoyentNodeDriver = getDriver(Provider.JOYENT);\n`,
      );
      const args = [
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        'false',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        'consumer.ts',
        'consumer-cjs.cts',
        'entry-points.ts',
      ];
      run(process.execPath, [TSC, ...args], { cwd: scratch });
      return `consumer.ts (ESM), consumer-cjs.cts (CommonJS) and the types of ${specifiers.length} entry points type-check (strict, nodenext, skipLibCheck false)`;
    },
  },
];

function checkVersions(pkgs, version, where) {
  const names = new Set(pkgs.map((p) => p.name));
  const problems = [];
  for (const p of pkgs) {
    if (p.version !== version) problems.push(`${p.name} is at ${p.version}, lerna.json at ${version}`);
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies']) {
      for (const [dep, spec] of Object.entries(p[field] ?? {})) {
        if (names.has(dep) && spec !== version)
          problems.push(`${p.name} ${field}: ${dep}@${spec} (fixed mode pins the exact version ${version})`);
      }
    }
  }
  if (problems.length > 0) throw new StepError(`${where}: packages are not versioned together:\n  ${problems.join('\n  ')}`);
}

/** Whether an installed package (seen from `fromDir`) brings its own type declarations. */
function hasOwnTypes(name, fromDir) {
  let pkgFile;
  try {
    pkgFile = createRequire(path.join(fromDir, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    const guess = path.join(REPO, 'node_modules', name, 'package.json');
    if (!existsSync(guess)) return true; // cannot tell; the scratch type-check has the last word
    pkgFile = guess;
  }
  const pkg = readJson(pkgFile);
  if (pkg.types || pkg.typings || JSON.stringify(pkg.exports ?? {}).includes('"types"')) return true;
  return existsSync(path.join(path.dirname(pkgFile), 'index.d.ts'));
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const t0 = Date.now();
  console.log(`release check: ${publishable.length} publishable packages (${[...publishableNames].join(', ')}); temp ${tmpRoot}`);
  const before = repoState();
  let failed;
  for (const [i, step] of STEPS.entries()) {
    const t = Date.now();
    const label = `[${i + 1}/${STEPS.length}] ${step.name.padEnd(8)}`;
    try {
      const summary = step.run();
      console.log(`${label} ok    ${((Date.now() - t) / 1000).toFixed(1).padStart(5)} s  ${summary}`);
    } catch (err) {
      console.log(`${label} FAIL  ${((Date.now() - t) / 1000).toFixed(1).padStart(5)} s  ${err.message}`);
      if (err.output)
        console.log(
          err.output
            .trimEnd()
            .split('\n')
            .map((l) => `    | ${l}`)
            .join('\n'),
        );
      if (!(err instanceof StepError)) console.log(err.stack);
      failed = step.name;
      break;
    }
  }
  const after = repoState();
  if (after !== before) {
    console.log(
      `release check: the repository changed under the check (files lerna could touch):\n--- before\n${before}\n--- after\n${after}`,
    );
    failed ??= 'repo unchanged';
  }
  if (KEEP) console.log(`release check: kept ${tmpRoot} (tarballs/, app/ = the scratch project, lerna/ = the versioned copy)`);
  else rmSync(tmpRoot, { recursive: true, force: true });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  console.log(failed ? `release check: FAIL (step: ${failed}) in ${secs} s` : `release check: PASS in ${secs} s`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
