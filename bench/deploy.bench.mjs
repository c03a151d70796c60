// Deploy benchmark: a 3-step deployment (upload a config file, run a setup script with arguments,
// run a check script) to 20 Dummy nodes that all point at a private sshd on 127.0.0.1, with
// deployNodes at concurrency 10; then, in the same run, the same 3 steps with the OpenSSH `ssh`
// client in a sequential shell loop (one ssh per step, as a user would script it), and that loop
// again with OpenSSH connection sharing (ControlMaster, one handshake per node). Reports the wall
// times and ratios. Needs sshd and ssh (apt-get install openssh-server openssh-client)
// and the built packages (npx tsc -b packages/deploy packages/dummy). Bounded to 60 s; cleans up.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { FileDeployment, MultiStepDeployment, ScriptDeployment, deployNodes } from '@cloudmux/deploy';
import { DummyNodeDriver } from '@cloudmux/dummy';
import { startSshd } from '../packages/deploy/test/support/sshd-harness.mjs';

const NODES = 20;
const CONCURRENCY = 10;
const run = promisify(execFile);

const result = (metric, value, unit, target, pass) =>
  console.log(`RESULT ${JSON.stringify({ bench: 'deploy', metric, value: Math.round(value * 100) / 100, unit, target, pass })}`);

const CONFIG = `# app.conf\n${'setting = value\n'.repeat(64)}`;
const SETUP = '#!/bin/sh\nset -e\ndir="$HOME/bench/$2"\nmkdir -p "$dir"\necho "$1" > "$dir/role"\nwc -l < "$dir/app.conf" > "$dir/lines"\necho "configured $2 as $1"\n';
const CHECK = '#!/bin/sh\ndir="$HOME/bench/$1"\ntest "$(cat "$dir/lines")" -gt 10 && test -s "$dir/role" && echo "healthy $1"\n';

const watchdog = setTimeout(() => {
  console.error('deploy bench: exceeded 60 s, aborting');
  process.exit(1);
}, 60_000);
watchdog.unref();

const sshd = await startSshd({ logLevel: 'INFO' });
const tmp = await mkdtemp(path.join(os.tmpdir(), 'deploy-bench-'));
let failed = false;
try {
  console.log(`sshd on ${sshd.host}:${sshd.port} (user ${sshd.user}); ${NODES} nodes, 3 steps each`);

  // --- cloudmux: deployNodes on the Dummy driver, concurrency 10 ---------------------------
  const driver = new DummyNodeDriver('bench', undefined, { nodeIps: { public: [sshd.host] } });
  const [size] = await driver.listSizes();
  const [image] = await driver.listImages();
  const optionsList = Array.from({ length: NODES }, (_, i) => {
    const name = `cmx-${i}`;
    return {
      name,
      size,
      image,
      deploy: new MultiStepDeployment([
        new FileDeployment({ contents: CONFIG, target: `~/bench/${name}/app.conf`, mode: 0o640, name: 'upload config' }),
        new ScriptDeployment(SETUP, { name: 'setup', args: ['web server', name] }),
        new ScriptDeployment(CHECK, { name: 'check', args: [name] }),
      ]),
      sshPort: sshd.port,
      sshUsername: sshd.user,
      sshKey: sshd.keys.ed25519,
      hostKeyPolicy: 'strict',
      knownHostsFile: sshd.knownHostsFile,
      waitPeriodMs: 20,
      timeoutMs: 60_000,
    };
  });
  const t0 = performance.now();
  const settled = await deployNodes(driver, optionsList, { concurrency: CONCURRENCY });
  const cloudmuxMs = performance.now() - t0;
  const ok = settled.filter((s) => s.status === 'fulfilled' && s.value.steps.every((st) => st.ok)).length;
  const firstError = settled.find((s) => s.status === 'rejected');
  if (firstError) console.log(`first failure: ${firstError.reason?.message ?? firstError.reason}`);
  const sample = settled.find((s) => s.status === 'fulfilled');
  if (sample) console.log(`sample output: ${sample.value.steps.map((s) => `${s.name}=${(s.stdout ?? '').trim() || 'ok'}`).join(', ')}`);
  console.log(`cloudmux deployNodes: ${ok}/${NODES} nodes deployed in ${cloudmuxMs.toFixed(0)} ms (concurrency ${CONCURRENCY})`);
  if (ok !== NODES) failed = true;

  // --- baseline: the ssh CLI in a sequential shell loop -----------------------------------
  await writeFile(path.join(tmp, 'app.conf'), CONFIG);
  await writeFile(path.join(tmp, 'setup.sh'), SETUP);
  await writeFile(path.join(tmp, 'check.sh'), CHECK);
  // prefix: directory name prefix on the server; extra: more ssh options; after: commands after each node.
  const shellLoop = (prefix, extra = '', after = '') => `
set -e
OPTS="-q -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${sshd.knownHostsFile} -o IdentitiesOnly=yes -i ${sshd.keys.ed25519} -p ${sshd.port} ${extra}"
DEST="${sshd.user}@${sshd.host}"
for i in $(seq 0 ${NODES - 1}); do
  n="${prefix}-$i"
  ssh $OPTS "$DEST" "mkdir -p ~/bench/$n && cat > ~/bench/$n/app.conf && chmod 640 ~/bench/$n/app.conf" < "${tmp}/app.conf"
  ssh $OPTS "$DEST" "sh -s -- 'web server' $n" < "${tmp}/setup.sh" > /dev/null
  ssh $OPTS "$DEST" "sh -s -- $n" < "${tmp}/check.sh" > /dev/null
  ${after}
done
echo done`;
  const loop = shellLoop('cli');
  const t1 = performance.now();
  const { stdout } = await run('bash', ['-c', loop], { timeout: 60_000 });
  const cliMs = performance.now() - t1;
  if (stdout.trim() !== 'done') failed = true;
  console.log(`ssh CLI shell loop: ${NODES} nodes in ${cliMs.toFixed(0)} ms (sequential, 3 ssh runs per node, OpenSSH defaults)`);

  // The same loop with connection sharing (ControlMaster): one SSH handshake per node.
  const muxLoop = shellLoop('mux', `-o ControlMaster=auto -o ControlPath=${tmp}/cm-%C -o ControlPersist=30`, 'ssh $OPTS -O exit "$DEST" 2>/dev/null || true');
  const t2 = performance.now();
  const mux = await run('bash', ['-c', muxLoop], { timeout: 60_000 });
  const muxMs = performance.now() - t2;
  if (mux.stdout.trim() !== 'done') failed = true;
  console.log(`ssh CLI shell loop with ControlMaster: ${NODES} nodes in ${muxMs.toFixed(0)} ms (one connection per node)`);

  const verify = await run('bash', ['-c', `ls -d ${sshd.home}/bench/cmx-* ${sshd.home}/bench/cli-* ${sshd.home}/bench/mux-* | wc -l`]);
  console.log(`node directories on the server: ${verify.stdout.trim()} (expected ${NODES * 3})`);
  if (Number(verify.stdout.trim()) !== NODES * 3) failed = true;

  result('deployNodes_20x3_steps_c10', cloudmuxMs, 'ms', `faster than the ssh CLI loop`, cloudmuxMs < cliMs && !failed);
  result('ssh_cli_loop_20x3_steps', cliMs, 'ms', null, null);
  result('speedup_vs_ssh_cli_loop', cliMs / cloudmuxMs, 'ratio', '> 1', cliMs / cloudmuxMs > 1);
  result('ssh_cli_controlmaster_loop_20x3_steps', muxMs, 'ms', null, null);
  result('speedup_vs_ssh_cli_controlmaster_loop', muxMs / cloudmuxMs, 'ratio', null, null);
  result('per_node_deploy', cloudmuxMs / NODES, 'ms', null, null);
} catch (e) {
  failed = true;
  console.error('deploy bench failed:', e);
} finally {
  await sshd.stop();
  await rm(tmp, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
