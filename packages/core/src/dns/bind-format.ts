import type { DnsRecord, Zone } from './resources.js';

/** Renders `zone` and `records` as a BIND zone file (placeholder signature; see the DNS task). */
export function toBindZoneFile(zone: Zone, records: readonly DnsRecord[]): string {
  const lines = [`$ORIGIN ${zone.domain}.`, `$TTL ${zone.ttl ?? 3600}`];
  for (const r of records) lines.push(`${r.name || '@'} ${r.ttl ?? ''} IN ${r.type} ${r.priority ?? ''} ${r.data}`);
  return lines.join('\n') + '\n';
}
