import { escapeCharacterString, parseBindZone } from '@cloudmux/core/dns';
import { rrsetKey, type SimRRset } from './model.js';

/**
 * Reads the `"zone"` text of a zone-create request into rrsets, as PowerDNS's own import does
 * (owner names absolute, host names in content canonical). Throws on text it cannot read.
 */
export function rrsetsFromZoneText(text: string, zone: string): Map<string, SimRRset> {
  const parsed = parseBindZone(text, { domain: zone });
  const out = new Map<string, SimRRset>();
  for (const r of parsed.records) {
    const name = r.name === '' ? zone : `${r.name}.${zone}`.toLowerCase();
    const content =
      r.strings !== undefined
        ? r.strings.map((b) => `"${escapeCharacterString(b)}"`).join(' ')
        : r.priority !== undefined
          ? `${r.priority} ${r.data}`
          : r.data;
    const key = rrsetKey(name, r.type);
    const set = out.get(key) ?? { name, type: r.type, ttl: r.ttl ?? parsed.ttl ?? 3600, records: [] };
    if (!set.records.some((x) => x.content === content)) set.records.push({ content, disabled: false });
    out.set(key, set);
  }
  return out;
}
