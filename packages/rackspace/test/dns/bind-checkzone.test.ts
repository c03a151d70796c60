import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describeWithTools } from '../../../../scripts/test/with-tools.mjs';
import { startDnsSim, type DnsSim } from './support.js';

// The BIND file exportZoneToBindZoneFile writes from Rackspace's export is checked by BIND's
// named-checkzone (Debian bind9-utils; npm test installs it or skips this suite).
describeWithTools(['named-checkzone'], 'Rackspace Cloud DNS export to BIND', () => {
  let dir: string;
  let ctx: DnsSim;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'cmx-rax-dns-'));
    ctx = await startDnsSim({ speed: 50 });
  });
  afterEach(async () => {
    await ctx.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a zone file that named-checkzone accepts', async () => {
    const { driver } = ctx;
    const zone = await driver.createZone({ domain: 'checked.example.org', ttl: 1800, ex: { emailAddress: 'dns.admin@example.org' } });
    await driver.exCreateRecords(zone, [
      { name: 'www', type: 'A', data: '192.0.2.10', ttl: 300 },
      { name: 'www', type: 'AAAA', data: '2001:db8::10' },
      { name: 'blog', type: 'CNAME', data: 'www.checked.example.org' },
      { name: '', type: 'MX', data: 'mail.checked.example.org', priority: 10 },
      { name: 'mail', type: 'A', data: '192.0.2.25' },
      { name: '', type: 'TXT', data: 'he said "hi" \\ bye' },
      { name: 'long', type: 'TXT', data: 'x'.repeat(400) },
      { name: '_xmpp._tcp', type: 'SRV', data: '5 5222 xmpp.checked.example.org', priority: 0 },
      { name: 'xmpp', type: 'A', data: '192.0.2.70' },
    ]);
    const file = path.join(dir, 'checked.example.org.zone');
    await driver.exportZoneToBindZoneFile(zone, { path: file });
    const text = await readFile(file, 'utf8');
    expect(text).toContain('$ORIGIN checked.example.org.');
    // Rackspace writes the RNAME as the email address; the export turns it into a mailbox name.
    expect(text).toMatch(/^@\t1800\tIN\tSOA\tdns1\.stabletransit\.com\. dns\.admin\.example\.org\. \( \d+ 21600 3600 1814400 300 \)$/m);
    expect(text).toContain('"he said \\"hi\\" \\\\ bye"');
    const r = spawnSync('named-checkzone', ['-k', 'fail', '-n', 'ignore', '-m', 'fail', 'checked.example.org', file], { encoding: 'utf8' });
    if (r.error) throw new Error(`named-checkzone could not run (${r.error.message}); install Debian's bind9-utils`);
    if (r.status !== 0) throw new Error(`named-checkzone exited ${r.status}: ${r.stdout}${r.stderr}\n${text}`);
    expect(r.stdout).toMatch(/OK/);
  });
});
