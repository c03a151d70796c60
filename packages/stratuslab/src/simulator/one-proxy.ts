import type { SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import { decodeCall, encodeFault, encodeResponse, XmlRpcFormatError, type XmlRpcInput, type XmlRpcValue } from '../xmlrpc/codec.js';
import { basicUser, unauthorized } from './auth.js';
import type { SimulatedUser } from './options.js';
import type { SimState } from './state.js';
import { parseTemplate, TemplateSyntaxError } from './template-parser.js';
import { S, SimVm, vmXml } from './vm-model.js';

/** OpenNebula 3.x error codes. */
const E = Object.freeze({ AUTHORIZATION: 0x0200, NO_EXISTS: 0x0400, ACTION: 0x0800, XML_RPC_API: 0x1000, INTERNAL: 0x2000 });

function xml(status: number, body: string): SimulatorReply {
  return { status, headers: { 'content-type': 'text/xml' }, body };
}

const ok = (value: XmlRpcInput): SimulatorReply => xml(200, encodeResponse([true, value, 0]));
const failed = (message: string, code: number): SimulatorReply => xml(200, encodeResponse([false, message, code]));
/** xmlrpc-c's fault codes: -501 type error, -506 unknown method, -503 parse error. */
const fault = (code: number, message: string): SimulatorReply => xml(200, encodeFault(code, message));

function int(v: XmlRpcValue | undefined): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** Signature of each method: types of the params after the session string. */
const SIGNATURES: Readonly<Record<string, readonly ('string' | 'int')[]>> = {
  'one.vm.allocate': ['string'],
  'one.vm.info': ['int'],
  'one.vm.action': ['string', 'int'],
  'one.vmpool.info': ['int', 'int', 'int', 'int'],
};

/**
 * StratusLab's one-proxy in front of oned, password context: HTTP Basic is checked (401 without it),
 * the session string is replaced by the authenticated user, and the four methods the driver uses
 * answer OpenNebula's `[ok, value, errorCode]` arrays. Anything else is an XML-RPC fault.
 */
export function oneProxyHandler(state: SimState, users: readonly SimulatedUser[]) {
  return (req: SimulatorRequest): SimulatorReply => {
    const user = basicUser(req, users);
    if (!user) return unauthorized();
    let call;
    try {
      call = decodeCall(req.body.toString('utf8'));
    } catch (e) {
      if (e instanceof XmlRpcFormatError) return fault(-503, `Call XML not a proper XML-RPC call. ${e.message}`);
      throw e;
    }
    const sig = SIGNATURES[call.methodName];
    if (!sig) return fault(-506, `Method '${call.methodName}' not defined`);
    const [session, ...params] = call.params;
    if (typeof session !== 'string') return fault(-501, 'Type mismatch: the session parameter must be a string');
    if (params.length !== sig.length)
      return fault(-501, `Wrong number of parameters for ${call.methodName}: expected ${sig.length + 1}, got ${call.params.length}`);
    for (let i = 0; i < sig.length; i++) {
      const p = params[i];
      if (sig[i] === 'string' ? typeof p !== 'string' : int(p) === undefined)
        return fault(-501, `Type mismatch: parameter ${i + 2} of ${call.methodName} must be ${sig[i]}`);
    }
    const now = Date.now();
    switch (call.methodName) {
      case 'one.vmpool.info': {
        const [filter, start, end, st] = params as number[];
        const vms = state.vms.filter((vm) => {
          if (filter === -3 || filter === -1 || filter! >= 0) {
            if (filter! >= 0 ? vm.uid !== filter : vm.owner !== user.username) return false;
          }
          if (start! >= 0 && vm.id < start!) return false;
          if (end! >= 0 && vm.id > end!) return false;
          const s = vm.stateAt(now).state;
          return st === -1 ? s !== S.DONE : st === -2 ? true : s === st;
        });
        return ok(`<VM_POOL>${vms.map((vm) => vmXml(vm, now)).join('')}</VM_POOL>`);
      }
      case 'one.vm.info': {
        const id = params[0] as number;
        const vm = state.vms.find((v) => v.id === id);
        if (!vm) return failed(`[VirtualMachineInfo] Error getting virtual machine [${id}].`, E.NO_EXISTS);
        if (vm.owner !== user.username)
          return failed(
            `[VirtualMachineInfo] User [${state.uidOf(user.username)}] : Not authorized to perform USE VM [${id}].`,
            E.AUTHORIZATION,
          );
        return ok(vmXml(vm, now));
      }
      case 'one.vm.action': {
        const [action, id] = params as [string, number];
        const vm = state.vms.find((v) => v.id === id);
        if (!vm) return failed(`[VirtualMachineAction] Error getting virtual machine [${id}].`, E.NO_EXISTS);
        if (vm.owner !== user.username)
          return failed(
            `[VirtualMachineAction] User [${state.uidOf(user.username)}] : Not authorized to perform MANAGE VM [${id}].`,
            E.AUTHORIZATION,
          );
        const current = vm.stateAt(now);
        if (action === 'finalize') {
          if (current.state === S.DONE)
            return failed(`[VirtualMachineAction] Wrong state to perform action "finalize" on VM [${id}].`, E.ACTION);
          vm.finalize(now);
          state.releaseDisks(vm.id);
          return xml(200, encodeResponse([true, id, 0]));
        }
        if (action === 'shutdown') {
          if (current.state !== S.ACTIVE || current.lcm !== S.RUNNING)
            return failed(`[VirtualMachineAction] Wrong state to perform action "shutdown" on VM [${id}].`, E.ACTION);
          vm.shutdown(now, state.stepMs);
          state.releaseDisks(vm.id);
          return xml(200, encodeResponse([true, id, 0]));
        }
        return failed(`[VirtualMachineAction] Action "${action}" is not supported by this simulator (finalize, shutdown).`, E.ACTION);
      }
      case 'one.vm.allocate': {
        let template;
        try {
          template = parseTemplate(params[0] as string);
        } catch (e) {
          if (e instanceof TemplateSyntaxError)
            return failed(`[VirtualMachineAllocate] Error parsing VM template: ${e.message}`, E.XML_RPC_API);
          throw e;
        }
        const memory = template.single.get('MEMORY');
        const cpu = template.single.get('CPU');
        if (!memory || !/^[1-9]\d*$/.test(memory))
          return failed('[VirtualMachineAllocate] No MEMORY in template or not a positive integer.', E.INTERNAL);
        if (cpu !== undefined && !/^\d+(\.\d+)?$/.test(cpu)) return failed('[VirtualMachineAllocate] CPU must be a number.', E.INTERNAL);
        const disks = template.vectors.filter((v) => v.name === 'DISK');
        if (!disks.some((d) => d.values.has('SOURCE')))
          return failed('[VirtualMachineAllocate] The template has no DISK with a SOURCE.', E.INTERNAL);
        for (const d of disks) {
          const source = d.values.get('SOURCE');
          if (source === undefined) continue;
          const problem = state.checkDiskSource(source, user.username);
          if (problem) return failed(`[VirtualMachineAllocate] ${problem}`, E.INTERNAL);
        }
        const id = state.nextVmId++;
        const vm = new SimVm(
          id,
          user.username,
          state.uidOf(user.username),
          template.single.get('NAME') ?? `one-${id}`,
          template,
          state.leaseIp(id),
          state.hosts[id % state.hosts.length]!,
          now,
          state.stepMs,
        );
        state.vms.push(vm);
        for (const d of disks) {
          const source = d.values.get('SOURCE');
          if (source?.startsWith('pdisk:')) state.registerBootDisk(source, vm.id, d.values.get('TARGET') ?? 'vdc');
        }
        return ok(id);
      }
      default:
        return fault(-506, `Method '${call.methodName}' not defined`);
    }
  };
}
