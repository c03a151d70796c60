/** The simulator's own model of PowerDNS zones (it imports nothing from the driver). */

/** One rrset as stored. */
export interface SimRRset {
  name: string;
  type: string;
  ttl: number;
  records: { content: string; disabled: boolean }[];
}

/** One zone as stored. */
export interface SimZone {
  id: string;
  name: string;
  kind: string;
  masters: string[];
  account: string;
  soaEdit: string;
  soaEditApi: string;
  dnssec: boolean;
  apiRectify: boolean;
  notifiedSerial: number;
  editedSerial: number;
  /** Keyed `name\0type`, in insertion order. */
  rrsets: Map<string, SimRRset>;
}

/** Map key of an rrset. */
export const rrsetKey = (name: string, type: string): string => `${name}\u0000${type}`;

/** The zone's SOA serial (0 without an SOA). */
export function serialOf(z: SimZone): number {
  const soa = z.rrsets.get(rrsetKey(z.name, 'SOA'))?.records[0];
  return soa ? Number(soa.content.split(/\s+/)[2] ?? 0) : 0;
}

/** `YYYYMMDD01` of a date (UTC). */
export function dateSerial(now: Date): number {
  return (now.getUTCFullYear() * 10_000 + (now.getUTCMonth() + 1) * 100 + now.getUTCDate()) * 100 + 1;
}

/**
 * The serial after an API edit, by the zone's `SOA-EDIT-API` (PowerDNS's `DEFAULT`: today's
 * `YYYYMMDD01` if the serial is older, else serial + 1; `INCREASE`: +1; `EPOCH`: Unix time;
 * `OFF`/empty: unchanged).
 */
export function editedSerial(kind: string, serial: number, now: Date): number {
  switch (kind.toUpperCase()) {
    case 'DEFAULT':
    case 'INCEPTION-INCREMENT': {
      const today = dateSerial(now);
      return serial < today ? today : serial + 1;
    }
    case 'INCREASE':
      return serial + 1;
    case 'EPOCH':
      return Math.floor(now.getTime() / 1000);
    default:
      return serial;
  }
}

/** Applies `SOA-EDIT-API` to the zone's SOA, if it has one. */
export function bumpSerial(z: SimZone, now: Date): void {
  const soa = z.rrsets.get(rrsetKey(z.name, 'SOA'))?.records[0];
  if (!soa) return;
  const f = soa.content.split(/\s+/);
  const next = editedSerial(z.soaEditApi, Number(f[2] ?? 0), now);
  f[2] = String(next >>> 0);
  soa.content = f.join(' ');
  z.editedSerial = next >>> 0;
}

/** A zone in list form (no rrsets). */
export function zoneSummary(z: SimZone, base: string): Record<string, unknown> {
  return {
    account: z.account,
    catalog: '',
    dnssec: z.dnssec,
    edited_serial: z.editedSerial,
    id: z.id,
    kind: z.kind,
    last_check: 0,
    masters: z.masters,
    name: z.name,
    notified_serial: z.notifiedSerial,
    serial: serialOf(z),
    url: `${base}/zones/${z.id}`,
  };
}

/** A zone in single-zone form, with the rrsets passing `filter`. */
export function zoneDetail(z: SimZone, base: string, filter: (r: SimRRset) => boolean): Record<string, unknown> {
  return {
    ...zoneSummary(z, base),
    api_rectify: z.apiRectify,
    master_tsig_key_ids: [],
    nsec3narrow: false,
    nsec3param: '',
    rrsets: [...z.rrsets.values()]
      .filter(filter)
      .map((r) => ({ comments: [], name: r.name, records: r.records.map((x) => ({ ...x })), ttl: r.ttl, type: r.type })),
    slave_tsig_key_ids: [],
    soa_edit: z.soaEdit,
    soa_edit_api: z.soaEditApi,
  };
}

/** The zone in BIND format as `…/export` writes it: absolute names, sorted by name then type. */
export function exportText(z: SimZone): string {
  const lines: string[] = [];
  const sets = [...z.rrsets.values()].sort((a, b) => (a.name === b.name ? a.type.localeCompare(b.type) : a.name.localeCompare(b.name)));
  for (const r of sets) for (const rec of r.records) if (!rec.disabled) lines.push(`${r.name}\t${r.ttl}\tIN\t${r.type}\t${rec.content}`);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
