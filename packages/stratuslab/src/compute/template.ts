import { InvalidArgumentError } from '@cloudmux/core';
import type { StratusLabInstanceType } from './instance-types.js';

/** What goes into an OpenNebula VM template (the StratusLab client's `schema.one`). */
export interface TemplateInput {
  /** VM name (`NAME`). */
  readonly name: string | undefined;
  /** Instance type: `CPU`/`VCPU`, `MEMORY`, swap disk size. */
  readonly size: StratusLabInstanceType;
  /** Marketplace metadata URL of the image (first `DISK/SOURCE`). */
  readonly imageUrl: string;
  /** Disk bus of the image: device prefix `vd`, `sd` or `hd`. */
  readonly diskBus: 'virtio' | 'scsi' | 'ide';
  /** NIC network (`public`, `private`, `local`). */
  readonly network: string;
  /** SSH public key for `CONTEXT/PUBLIC_KEY`, when given. */
  readonly publicKey: string | undefined;
  /** Extra context variables. */
  readonly context: Readonly<Record<string, string>>;
  /** Persistent disks: `pdisk:<host:port>/<uuid>` sources. */
  readonly persistentDisks: readonly string[];
}

const PREFIX = { virtio: 'vd', scsi: 'sd', ide: 'hd' } as const;

/** A double-quoted template string; values with `"`, `\` or control characters are refused. */
function quote(value: string, what: string): string {
  // eslint-disable-next-line no-control-regex
  if (/["\\\u0000-\u001f\u007f]/.test(value)) {
    throw new InvalidArgumentError(
      `createNode: ${what} must not contain '"', '\\' or control characters (OpenNebula template syntax), got ${JSON.stringify(value)}`,
      {
        provider: 'stratuslab',
      },
    );
  }
  return `"${value}"`;
}

/**
 * `NAME = [\n  KEY=value,\n  … ]`. Entries are written `KEY=value` without spaces (the syntax allows
 * both) so that core's trace redaction recognises `DB_PASSWORD="…"`-style context variables.
 */
function vector(name: string, entries: readonly (readonly [string, string])[]): string {
  return `${name} = [\n${entries.map(([k, v]) => `  ${k}=${v}`).join(',\n')} ]`;
}

/**
 * Renders the OpenNebula template StratusLab submitted with `one.vm.allocate`: CPU, VCPU, MEMORY,
 * RANK, NAME, the image disk (SOURCE = Marketplace URL), the swap disk, persistent disks, one NIC,
 * VNC graphics and the contextualisation vector with the SSH public key.
 */
export function renderTemplate(input: TemplateInput): string {
  const p = PREFIX[input.diskBus];
  const lines: string[] = [];
  if (input.name !== undefined) lines.push(`NAME = ${quote(input.name, 'name')}`);
  lines.push(`CPU = ${input.size.cpu}`, `VCPU = ${input.size.cpu}`, `MEMORY = ${input.size.ramMb}`, 'RANK = "- RUNNING_VMS"');
  lines.push(
    vector('DISK', [
      ['SOURCE', quote(input.imageUrl, 'image URL')],
      ['TARGET', `"${p}a"`],
      ['SAVE', '"no"'],
      ['READONLY', '"no"'],
      ['DRIVER', '"raw"'],
    ]),
  );
  lines.push(
    vector('DISK', [
      ['TYPE', '"swap"'],
      ['SIZE', String(input.size.swapMb)],
      ['TARGET', `"${p}b"`],
    ]),
  );
  input.persistentDisks.forEach((source, i) => {
    lines.push(
      vector('DISK', [
        ['SOURCE', quote(source, 'volume source')],
        ['TYPE', '"block"'],
        ['TARGET', `"${p}${String.fromCharCode(0x63 + i)}"`],
      ]),
    );
  });
  lines.push(
    vector('NIC', [
      ['NETWORK_UNAME', '"oneadmin"'],
      ['NETWORK', quote(input.network, 'network')],
    ]),
  );
  lines.push(
    vector('GRAPHICS', [
      ['TYPE', '"vnc"'],
      ['LISTEN', '"0.0.0.0"'],
    ]),
  );
  const context: [string, string][] = [];
  if (input.publicKey !== undefined) context.push(['PUBLIC_KEY', quote(input.publicKey, 'auth.publicKey')]);
  for (const [k, v] of Object.entries(input.context)) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(k) || k === 'PUBLIC_KEY' || k === 'TARGET') {
      throw new InvalidArgumentError(
        `createNode ex.context: invalid key ${JSON.stringify(k)}: use upper-case [A-Z0-9_] names other than PUBLIC_KEY and TARGET`,
        {
          provider: 'stratuslab',
        },
      );
    }
    context.push([k, quote(v, `ex.context.${k}`)]);
  }
  context.push(['TARGET', '"hdd"']);
  lines.push(vector('CONTEXT', context));
  return `${lines.join('\n')}\n`;
}
