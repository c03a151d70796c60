/**
 * BIND 9 text of the simulated Cloud DNS: the export (Rackspace's layout: fully qualified owners, no
 * `$ORIGIN`, the SOA RNAME as an email address) and the import, read with core's BIND parser.
 * @module
 */
import { parseBindZone, quoteCharacterStrings } from '@cloudmux/core/dns';
import { DNS_SIM_NAMESERVERS, type DnsSimDomain } from './store.js';
import { checkRecord, invalid, type CheckedRecord } from './validate.js';

/** SOA timers Rackspace writes: refresh, retry, expire, minimum. */
const SOA_TIMERS = [21_600, 3_600, 1_814_400, 300] as const;

/** The domain as Rackspace exports it. */
export function exportText(d: DnsSimDomain): string {
  const serial = Math.floor(d.updated / 1000);
  const lines = [`${d.name}. ${d.ttl} IN SOA ${DNS_SIM_NAMESERVERS[0]}. ${d.emailAddress}. ${serial} ${SOA_TIMERS.join(' ')}`];
  for (const r of d.records) {
    let data: string;
    switch (r.type) {
      case 'MX':
        data = `${r.priority ?? 0} ${r.data}.`;
        break;
      case 'SRV': {
        const [w, p, t] = r.data.split(' ');
        data = `${r.priority ?? 0} ${w} ${p} ${t}.`;
        break;
      }
      case 'CNAME':
      case 'NS':
        data = `${r.data}.`;
        break;
      case 'TXT':
        data = quoteCharacterStrings(r.data).join(' ');
        break;
      default:
        data = r.data;
    }
    lines.push(`${r.name}. ${r.ttl} IN ${r.type} ${data}`);
  }
  return `${lines.join('\n')}\n`;
}

/** What an import creates. */
export interface ImportedDomain {
  name: string;
  ttl: number;
  emailAddress: string | undefined;
  records: (CheckedRecord & { ttl: number })[];
}

/** The domain of import text: the SOA owner, else the shortest owner name. */
function domainOf(text: string): string {
  const owners: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (!f[0] || f[0].startsWith(';') || f[0].startsWith('$')) continue;
    if (f.some((x) => x.toUpperCase() === 'SOA')) return f[0];
    owners.push(f[0]);
  }
  const shortest = owners.sort((a, b) => a.length - b.length)[0];
  if (shortest === undefined) invalid('The import contents hold no records.');
  return shortest;
}

/**
 * Reads import contents: BIND syntax per core's parser (errors with line and column), SOA for the email address
 * and the default TTL (`$TTL`, else the SOA's TTL, else 3600), then every record checked as a created one.
 */
export function parseImport(contents: string): ImportedDomain {
  let parsed;
  try {
    parsed = parseBindZone(contents, { domain: domainOf(contents).replace(/\.$/, '') });
  } catch (err) {
    invalid(err instanceof Error ? err.message : String(err));
  }
  const domain = parsed.domain;
  const soa = parsed.records.find((r) => r.type === 'SOA');
  const ttl = parsed.ttl ?? soa?.ttl ?? 3600;
  let emailAddress: string | undefined;
  if (soa) {
    const rname = (soa.data.split(' ')[1] ?? '').replace(/\.$/, '');
    emailAddress = rname.includes('@') ? rname : rname.replace('.', '@');
  }
  const records = parsed.records
    .filter((r) => r.type !== 'SOA')
    .map((r) => {
      const fqdn = r.name === '' ? domain : `${r.name}.${domain}`;
      const c = checkRecord({ name: fqdn, type: r.type, data: r.data, ttl: r.ttl ?? ttl, priority: r.priority }, domain);
      return { ...c, ttl: c.ttl ?? ttl };
    });
  return { name: domain, ttl, emailAddress, records };
}
