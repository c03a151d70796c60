import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toBindZoneFile, type BindRecord } from '@cloudmux/core/dns';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';

// The exported zone is checked by BIND's own parser (`named-checkzone`, Debian bind9-utils;
// `npm test` installs it, or skips this suite loudly; with CI=true a missing binary fails).
function checkzone(origin: string, text: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cmx-bind-'));
  try {
    const file = path.join(dir, 'zone.db');
    writeFileSync(file, text);
    const r = spawnSync('named-checkzone', ['-k', 'fail', '-n', 'fail', '-i', 'full', origin, file], { encoding: 'utf8' });
    if (r.error) throw new Error(`named-checkzone could not run (${r.error.message}); install Debian's bind9-utils`);
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const r = (name: string, type: BindRecord['type'], data: string, extra: Partial<BindRecord> = {}): BindRecord => ({
  name,
  type,
  data,
  ttl: undefined,
  priority: undefined,
  ...extra,
});

const LONG = Array.from({ length: 600 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');

const RECORDS: BindRecord[] = [
  r('', 'NS', 'ns1.example.com'),
  r('', 'NS', 'ns2.example.net.'),
  r('ns1', 'A', '192.0.2.53'),
  r('', 'A', '192.0.2.1', { ttl: 300 }),
  r('www', 'A', '192.0.2.10', { ttl: 300 }),
  r('www', 'AAAA', '2001:db8::10'),
  r('ftp', 'CNAME', 'www.example.com'),
  r('', 'MX', 'mail.example.com', { priority: 10 }),
  r('', 'MX', 'backup-mx.example.net.', { priority: 20 }),
  r('mail', 'A', '192.0.2.25'),
  r('', 'TXT', 'v=spf1 ip4:192.0.2.0/24 -all'),
  r('quotes', 'TXT', 'she said "hello" and left a back\\slash; (parens) too'),
  r('long', 'TXT', LONG),
  r('_dmarc', 'TXT', 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com'),
  r('_sip._tcp', 'SRV', '5 5060 sip.example.com', { priority: 10, ttl: 600 }),
  r('sip', 'A', '192.0.2.60'),
  r('sub', 'NS', 'ns.sub.example.org'),
  r('', 'CAA', '0 issue letsencrypt.org'),
  r('1.2', 'PTR', 'host.example.com'),
  r('*.dev', 'A', '192.0.2.99'),
];

describeWithTools(['named-checkzone'], 'BIND export checked by named-checkzone', () => {
  it('produces a zone file BIND loads (A, AAAA, CNAME, MX, TXT with quotes and a 600-char string, SRV, NS...)', () => {
    const text = toBindZoneFile({ domain: 'example.com', ttl: 3600 }, RECORDS, { serial: 2026120301 });
    const { status, output } = checkzone('example.com', text);
    if (status !== 0) throw new Error(`named-checkzone exited ${status}:\n${output}\n--- zone ---\n${text}`);
    expect(output).toMatch(/loaded serial 2026120301/);
    expect(output).toMatch(/OK/);
  });

  it('keeps the TXT text intact: BIND canonical output round-trips the quotes and the long string', () => {
    const text = toBindZoneFile({ domain: 'example.com', ttl: 3600 }, RECORDS, { serial: 1 });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cmx-bind-'));
    try {
      const file = path.join(dir, 'zone.db');
      writeFileSync(file, text);
      const out = spawnSync('named-compilezone', ['-q', '-s', 'full', '-o', '-', 'example.com', file], { encoding: 'utf8' });
      if (out.error) throw new Error(`named-compilezone could not run (${out.error.message}); install Debian's bind9-utils`);
      expect(out.status).toBe(0);
      const txt = (owner: string): string => {
        const line = out.stdout.split('\n').find((l) => l.startsWith(`${owner}.example.com.`) && /\sTXT\s/.test(l));
        if (!line) throw new Error(`no TXT for ${owner} in:\n${out.stdout}`);
        const strings = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1'));
        return strings.join('');
      };
      expect(txt('quotes')).toBe('she said "hello" and left a back\\slash; (parens) too');
      expect(txt('long')).toBe(LONG);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is refused by named-checkzone when a record is broken (the check can fail)', () => {
    const text = toBindZoneFile(
      { domain: 'example.com', ttl: 3600 },
      [r('', 'NS', 'ns1.example.com'), r('ns1', 'A', '192.0.2.1'), r('bad', 'A', '999.0.2.1')],
      { serial: 1 },
    );
    expect(checkzone('example.com', text).status).not.toBe(0);
  });
});
