import { XMLParser } from 'fast-xml-parser';
import type { WireVm } from './wire.js';

type El = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['VM', 'NIC', 'DISK', 'HISTORY'].includes(name),
});

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return undefined;
  return String(v);
}

function int(v: unknown, fallback: number): number {
  const s = str(v);
  return s !== undefined && /^-?\d+$/.test(s.trim()) ? Number(s) : fallback;
}

function toWireVm(vm: El): WireVm {
  const template = (vm['TEMPLATE'] as El | undefined) ?? {};
  const history = ((vm['HISTORY_RECORDS'] as El | undefined)?.['HISTORY'] as El[] | undefined) ?? [];
  const stime = int(vm['STIME'], 0);
  return {
    id: str(vm['ID']) ?? '',
    name: str(vm['NAME']) ?? '',
    uname: str(vm['UNAME']),
    state: int(vm['STATE'], -1),
    lcmState: int(vm['LCM_STATE'], -1),
    stime: stime > 0 ? stime : undefined,
    cpu: str(template['CPU']),
    memory: str(template['MEMORY']),
    nics: ((template['NIC'] as El[] | undefined) ?? []).map((n) => ({ ip: str(n['IP']), network: str(n['NETWORK']) })),
    disks: ((template['DISK'] as El[] | undefined) ?? []).map((d) => ({
      source: str(d['SOURCE']),
      size: str(d['SIZE']),
      type: str(d['TYPE']),
      target: str(d['TARGET']),
    })),
    hostname: str(history[history.length - 1]?.['HOSTNAME']),
  };
}

function parse(xml: string): El {
  if (/<!DOCTYPE/i.test(xml)) throw new Error('OpenNebula documents must not contain a DOCTYPE');
  return parser.parse(xml, true) as El;
}

/** Parses `one.vm.info`'s `<VM>` document. */
export function parseVm(xml: string): WireVm {
  const vm = (parse(xml)['VM'] as El[] | undefined)?.[0];
  if (!vm || str(vm['ID']) === undefined) throw new Error('no <VM> element with an <ID>');
  return toWireVm(vm);
}

/** Parses `one.vmpool.info`'s `<VM_POOL>` document. */
export function parseVmPool(xml: string): WireVm[] {
  const pool = parse(xml)['VM_POOL'];
  if (pool === undefined) throw new Error('no <VM_POOL> element');
  if (typeof pool !== 'object' || pool === null) return [];
  return ((pool as El)['VM'] as El[] | undefined)?.map(toWireVm) ?? [];
}
