// npm run bench: runs every bench/*.bench.mjs in its own Node process (so RSS figures are
// per benchmark), echoes its output, and ends with a table of the RESULT lines.
// Usage: node bench/run.mjs [name-filter]
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs') && (!filter || f.includes(filter)))
  .sort();

function run(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(here, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const results = [];
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line.startsWith('RESULT ')) {
          try {
            results.push(JSON.parse(line.slice(7)));
          } catch {
            // not a result line after all
          }
        }
      }
    });
    child.on('close', (code) => resolve({ file, code, results }));
  });
}

const all = [];
let failed = false;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const r = await run(file);
  if (r.code !== 0) {
    failed = true;
    console.log(`!!! ${file} exited with ${r.code}`);
  }
  all.push(...r.results);
}

console.log('\n=== summary');
const rows = all.map((r) => [
  r.bench,
  r.metric,
  `${Number(r.value).toFixed(r.unit === 'ratio' ? 2 : 1)} ${r.unit}`,
  r.target ?? '',
  r.pass === null || r.pass === undefined ? '' : r.pass ? 'ok' : 'MISS',
]);
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => String(row[i]).length), 6));
for (const row of [['bench', 'metric', 'value', 'target', 'pass'], ...rows]) {
  console.log(row.map((c, i) => String(c).padEnd(widths[i])).join('  '));
}
process.exitCode = failed ? 1 : 0;
