import type { ParsedTemplate } from './template-parser.js';

/** One state change of a simulated VM: from `at` (epoch ms) on, `STATE`/`LCM_STATE` are these. */
interface Phase {
  readonly at: number;
  readonly state: number;
  readonly lcm: number;
}

/** OpenNebula numbers the simulator uses. */
export const S = Object.freeze({ PENDING: 1, ACTIVE: 3, DONE: 6, LCM_INIT: 0, PROLOG: 1, BOOT: 2, RUNNING: 3, EPILOG: 11, SHUTDOWN: 12 });

/** A simulated OpenNebula VM. Its state is a function of time: no timers to clean up. */
export class SimVm {
  readonly #phases: Phase[] = [];
  /** Time of the DONE phase, when scheduled. */
  #doneAt: number | undefined;

  constructor(
    /** VM id. */
    readonly id: number,
    /** Owner (HTTP Basic user). */
    readonly owner: string,
    /** Owner's numeric id. */
    readonly uid: number,
    /** Name (`one-<id>` when the template has none). */
    readonly name: string,
    /** The template as submitted. */
    readonly template: ParsedTemplate,
    /** Leased IP. */
    readonly ip: string,
    /** Hypervisor the VM is deployed on (from PROLOG). */
    readonly host: string,
    /** Allocation time (epoch ms). */
    readonly created: number,
    stepMs: number,
  ) {
    this.#phases.push(
      { at: created, state: S.PENDING, lcm: S.LCM_INIT },
      { at: created + stepMs, state: S.ACTIVE, lcm: S.PROLOG },
      { at: created + 2 * stepMs, state: S.ACTIVE, lcm: S.BOOT },
      { at: created + 3 * stepMs, state: S.ACTIVE, lcm: S.RUNNING },
    );
  }

  /** `STATE` and `LCM_STATE` at `now`. */
  stateAt(now: number): { state: number; lcm: number } {
    let current = this.#phases[0]!;
    for (const p of this.#phases) if (p.at <= now) current = p;
    return { state: current.state, lcm: current.lcm };
  }

  /** Whether the VM has reached PROLOG (so it has a host and a history record). */
  deployedAt(now: number): boolean {
    return this.#phases.some((p) => p.at <= now && p.state === S.ACTIVE);
  }

  /** When the VM went (or goes) DONE, if it does. */
  doneAt(): number | undefined {
    return this.#doneAt;
  }

  /** Drops the phases after `now` (a new action replaces the scheduled future). */
  #cut(now: number): void {
    for (let i = this.#phases.length - 1; i > 0; i--) if (this.#phases[i]!.at > now) this.#phases.splice(i, 1);
  }

  /** `finalize`: DONE at once, from any state. */
  finalize(now: number): void {
    this.#cut(now);
    this.#phases.push({ at: now, state: S.DONE, lcm: S.LCM_INIT });
    this.#doneAt = now;
  }

  /** `shutdown` (RUNNING only): SHUTDOWN, then EPILOG after one step, then DONE after another. */
  shutdown(now: number, stepMs: number): void {
    this.#cut(now);
    this.#phases.push(
      { at: now, state: S.ACTIVE, lcm: S.SHUTDOWN },
      { at: now + stepMs, state: S.ACTIVE, lcm: S.EPILOG },
      { at: now + 2 * stepMs, state: S.DONE, lcm: S.LCM_INIT },
    );
    this.#doneAt = now + 2 * stepMs;
  }
}

function cdata(v: string): string {
  return `<![CDATA[${v.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

function esc(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The `<TEMPLATE>` of a VM as oned stores it (leased IP and ids added to the NIC, CDATA values). */
function templateXml(vm: SimVm): string {
  const parts: string[] = [];
  for (const [k, v] of vm.template.single) parts.push(`<${k}>${cdata(v)}</${k}>`);
  let nic = 0;
  for (const vec of vm.template.vectors) {
    const values = new Map(vec.values);
    if (vec.name === 'NIC') {
      values.set('IP', nic === 0 ? vm.ip : `192.168.0.${vm.id % 250}`);
      values.set('MAC', `02:00:${[vm.id >> 8, vm.id & 255, 0, nic].map((n) => n.toString(16).padStart(2, '0')).join(':')}`);
      values.set('NETWORK_ID', values.get('NETWORK') === 'public' ? '0' : '1');
      nic++;
    }
    parts.push(`<${vec.name}>${[...values].map(([k, v]) => `<${k}>${cdata(v)}</${k}>`).join('')}</${vec.name}>`);
  }
  parts.push(`<VMID>${cdata(String(vm.id))}</VMID>`);
  return `<TEMPLATE>${parts.join('')}</TEMPLATE>`;
}

/** The `<VM>` document of `one.vm.info` (and of each pool entry) at `now`. */
export function vmXml(vm: SimVm, now: number): string {
  const { state, lcm } = vm.stateAt(now);
  const stime = Math.floor(vm.created / 1000);
  const done = vm.doneAt();
  const etime = done !== undefined && done <= now ? Math.floor(done / 1000) : 0;
  const history = vm.deployedAt(now)
    ? `<HISTORY_RECORDS><HISTORY><OID>${vm.id}</OID><SEQ>0</SEQ><HOSTNAME>${esc(vm.host)}</HOSTNAME><HID>0</HID><STIME>${stime}</STIME><ETIME>${etime}</ETIME><VMMMAD>vmm_kvm</VMMMAD><VNMMAD>dummy</VNMMAD><TMMAD>tm_stratuslab</TMMAD><REASON>0</REASON></HISTORY></HISTORY_RECORDS>`
    : '<HISTORY_RECORDS/>';
  return (
    `<VM><ID>${vm.id}</ID><UID>${vm.uid}</UID><GID>1</GID><UNAME>${esc(vm.owner)}</UNAME><GNAME>users</GNAME><NAME>${esc(vm.name)}</NAME>` +
    `<PERMISSIONS><OWNER_U>1</OWNER_U><OWNER_M>1</OWNER_M><OWNER_A>0</OWNER_A><GROUP_U>0</GROUP_U><GROUP_M>0</GROUP_M><GROUP_A>0</GROUP_A><OTHER_U>0</OTHER_U><OTHER_M>0</OTHER_M><OTHER_A>0</OTHER_A></PERMISSIONS>` +
    `<LAST_POLL>${Math.floor(now / 1000)}</LAST_POLL><STATE>${state}</STATE><LCM_STATE>${lcm}</LCM_STATE><STIME>${stime}</STIME><ETIME>${etime}</ETIME>` +
    `<DEPLOY_ID>${vm.deployedAt(now) ? `one-${vm.id}` : ''}</DEPLOY_ID><MEMORY>0</MEMORY><CPU>0</CPU><NET_TX>0</NET_TX><NET_RX>0</NET_RX>` +
    `${templateXml(vm)}${history}</VM>`
  );
}
