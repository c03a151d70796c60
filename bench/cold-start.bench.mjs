// Cold start: a fresh Node process doing `await import('cloudmux')` + `getDriver(...)`, minus an
// empty Node process; compared in the same run with Python Libcloud's
// `from libcloud.compute.providers import get_driver; get_driver(Provider.DUMMY)` minus an
// empty Python process (Debian's python3-libcloud, when installed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 15;

function timeCommand(cmd, args, cwd = root) {
  const samples = [];
  for (let i = 0; i < RUNS + 2; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
    if (i >= 2) samples.push(ms); // two warm-up runs fill the OS page cache
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function result(metric, value, unit, target, pass) {
  console.log(`RESULT ${JSON.stringify({ bench: 'cold-start', metric, value, unit, target, pass })}`);
}

const emptyNode = timeCommand(process.execPath, ['-e', '']);
const script = "const m = await import('cloudmux'); const D = m.getDriver(m.Provider.DUMMY); if (!D) process.exit(1);";
const cloudmux = timeCommand(process.execPath, ['--input-type=module', '-e', script]);
const scriptJoyent = "const m = await import('cloudmux'); const D = m.getDriver(m.Provider.JOYENT); if (!D) process.exit(1);";
const cloudmuxJoyent = timeCommand(process.execPath, ['--input-type=module', '-e', scriptJoyent]);
const cm = cloudmux - emptyNode;
console.log(`node empty process: ${emptyNode.toFixed(1)} ms (median of ${RUNS})`);
console.log(`import('cloudmux') + getDriver(DUMMY): ${cm.toFixed(1)} ms over an empty process`);
console.log(`import('cloudmux') + getDriver(JOYENT): ${(cloudmuxJoyent - emptyNode).toFixed(1)} ms over an empty process`);
result('import+getDriver(dummy)', cm, 'ms', '< 150 ms', cm < 150);
result('import+getDriver(joyent)', cloudmuxJoyent - emptyNode, 'ms', null, null);

const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import libcloud'], { stdio: 'ignore' }).status === 0);
if (python) {
  const emptyPy = timeCommand(python, ['-c', 'pass']);
  const lc =
    timeCommand(python, [
      '-c',
      'from libcloud.compute.providers import get_driver\nfrom libcloud.compute.types import Provider\nget_driver(Provider.DUMMY)',
    ]) - emptyPy;
  const version = spawnSync(python, ['-c', 'import libcloud; print(libcloud.__version__)']).stdout.toString().trim();
  console.log(`Python Libcloud ${version} get_driver import: ${lc.toFixed(1)} ms over an empty python process`);
  result('libcloud get_driver (python)', lc, 'ms', null, null);
  result('cloudmux / libcloud', cm / lc, 'ratio', '< 1 (faster than Libcloud)', cm < lc);
} else {
  console.log('Python Libcloud not installed (Debian: apt-get install python3-libcloud); comparison skipped');
  result('cloudmux / libcloud', NaN, 'ratio', 'python3-libcloud not installed', null);
}
if (!existsSync(path.join(root, 'packages/cloudmux/dist/index.js'))) console.log('note: run npm run build first');
