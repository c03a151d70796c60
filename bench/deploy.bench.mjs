// Deploy benchmark: a 3-step deployment (upload a config file, run a setup script with arguments,
// run a check script) to 20 Dummy nodes that all point at a private sshd on 127.0.0.1, with
// deployNodes at concurrency 10; then, in the same run, the same 3 steps with the OpenSSH `ssh`
// client in a sequential shell loop (one ssh per step, as a user would script it), the same per-node
// script 10 nodes at a time (xargs -P 10, like-for-like concurrency), and the sequential loop with
// OpenSSH connection sharing (ControlMaster, one handshake per node). Reports the wall times and
// ratios. Needs sshd and ssh (apt-get install openssh-server openssh-client) and the built
// packages (npx tsc -b packages/deploy packages/dummy). Bounded to 180 s; cleans up.
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
const SETUP =
  '#!/bin/sh\nset -e\ndir="$HOME/bench/$2"\nmkdir -p "$dir"\necho "$1" > "$dir/role"\nwc -l < "$dir/app.conf" > "$dir/lines"\necho "configured $2 as $1"\n';
const CHECK = '#!/bin/sh\ndir="$HOME/bench/$1"\ntest "$(cat "$dir/lines")" -gt 10 && test -s "$dir/role" && echo "healthy $1"\n';

const watchdog = setTimeout(() => {
  console.error('deploy bench: exceeded 180 s, aborting');
  process.exit(1);
}, 180_000);
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
  // One node's 3 steps with the ssh CLI, as a user would script them: node.sh <dir name> [extra ssh options].
  await writeFile(
    path.join(tmp, 'node.sh'),
    `set -e
n="$1"; shift
OPTS="-q -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${sshd.knownHostsFile} -o IdentitiesOnly=yes -i ${sshd.keys.ed25519} -p ${sshd.port}"
DEST="${sshd.user}@${sshd.host}"
ssh $OPTS "$@" "$DEST" "mkdir -p ~/bench/$n && cat > ~/bench/$n/app.conf && chmod 640 ~/bench/$n/app.conf" < "${tmp}/app.conf"
ssh $OPTS "$@" "$DEST" "sh -s -- 'web server' $n" < "${tmp}/setup.sh" > /dev/null
ssh $OPTS "$@" "$DEST" "sh -s -- $n" < "${tmp}/check.sh" > /dev/null
`,
  );
  const node = path.join(tmp, 'node.sh');
  const timed = async (label, script) => {
    const t = performance.now();
    const { stdout } = await run('bash', ['-c', `set -e\n${script}\necho done`], { timeout: 90_000 });
    const ms = performance.now() - t;
    if (stdout.trim() !== 'done') failed = true;
    console.log(`${label}: ${NODES} nodes in ${ms.toFixed(0)} ms`);
    return ms;
  };
  const last = NODES - 1;
  const cliMs = await timed(
    'ssh CLI shell loop (sequential, 3 ssh runs per node, OpenSSH defaults)',
    `for i in $(seq 0 ${last}); do bash ${node} cli-$i; done`,
  );
  // The same loop, 10 nodes at a time (xargs -P), for a like-for-like concurrency.
  const parMs = await timed(
    `ssh CLI, ${CONCURRENCY} nodes at a time (xargs -P ${CONCURRENCY})`,
    `seq 0 ${last} | xargs -P ${CONCURRENCY} -I{} bash ${node} par-{}`,
  );
  // Sequential with connection sharing (ControlMaster): one SSH handshake per node.
  const muxMs = await timed(
    'ssh CLI shell loop with ControlMaster (sequential, one connection per node)',
    `for i in $(seq 0 ${last}); do bash ${node} mux-$i -o ControlMaster=auto -o ControlPath=${tmp}/cm-%C -o ControlPersist=30; ssh -o ControlPath=${tmp}/cm-%C -p ${sshd.port} -O exit ${sshd.user}@${sshd.host} 2>/dev/null || true; done`,
  );

  const verify = await run('bash', [
    '-c',
    `ls -d ${sshd.home}/bench/cmx-* ${sshd.home}/bench/cli-* ${sshd.home}/bench/par-* ${sshd.home}/bench/mux-* | wc -l`,
  ]);
  console.log(`node directories on the server: ${verify.stdout.trim()} (expected ${NODES * 4})`);
  if (Number(verify.stdout.trim()) !== NODES * 4) failed = true;

  result('deployNodes_20x3_steps_c10', cloudmuxMs, 'ms', `faster than the ssh CLI loop`, cloudmuxMs < cliMs && !failed);
  result('ssh_cli_loop_20x3_steps', cliMs, 'ms', null, null);
  result('speedup_vs_ssh_cli_loop', cliMs / cloudmuxMs, 'ratio', '> 1', cliMs / cloudmuxMs > 1);
  result('ssh_cli_parallel10_20x3_steps', parMs, 'ms', null, null);
  result('speedup_vs_ssh_cli_parallel10', parMs / cloudmuxMs, 'ratio', null, null);
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
