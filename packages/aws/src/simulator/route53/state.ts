import { randomBytes } from 'node:crypto';
import { applyChangeBatch, normalizeName, type SimChangeItem } from './change-batch.js';
import { Route53SimError } from './errors.js';
import { setKey, sortKey, type SimChange, type SimRecordSet, type SimZone } from './model.js';

/** A new Route 53 style id: a letter and 13–21 upper-case alphanumerics. */
export function newRoute53Id(prefix: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = prefix;
  for (const b of randomBytes(13)) out += alphabet[b % alphabet.length];
  return out;
}

/** What `ListResourceRecordSets` starts from. */
export interface SetStart {
  name?: string | undefined;
  type?: string | undefined;
  identifier?: string | undefined;
}

/** The simulated account: hosted zones, their record sets and submitted changes. */
export class Route53SimState {
  /** Zones by id. */
  readonly zones = new Map<string, SimZone>();
  /** Changes by id. */
  readonly changes = new Map<string, SimChange>();
  #seq = 0;
  readonly #order = new WeakMap<Map<string, SimRecordSet>, { keys: string[]; sets: SimRecordSet[] }>();

  /** @param syncDelayMs - how long a change stays `PENDING` before it is `INSYNC`. */
  constructor(readonly syncDelayMs: number) {}

  /** Records a change submitted now. */
  newChange(comment?: string): SimChange {
    const change = { id: newRoute53Id('C'), submittedAt: Date.now(), comment };
    this.changes.set(change.id, change);
    return change;
  }

  /** `PENDING` until `syncDelayMs` after submission, then `INSYNC`. */
  statusOf(change: SimChange, now = Date.now()): 'PENDING' | 'INSYNC' {
    return now - change.submittedAt >= this.syncDelayMs ? 'INSYNC' : 'PENDING';
  }

  /** A zone; `NoSuchHostedZone` (404) if absent. */
  zone(id: string): SimZone {
    const z = this.zones.get(id);
    if (!z) throw new Route53SimError('NoSuchHostedZone', `No hosted zone found with ID: ${id}`, 404);
    return z;
  }

  /** Creates a zone with its SOA and NS sets; `HostedZoneAlreadyExists` for a reused caller reference. */
  createZone(input: {
    name: string;
    callerReference: string;
    comment?: string | undefined;
    vpc?: { vpcId: string; vpcRegion: string } | undefined;
  }): SimZone {
    for (const z of this.zones.values()) {
      if (z.callerReference === input.callerReference)
        throw new Route53SimError(
          'HostedZoneAlreadyExists',
          `A hosted zone has already been created with the specified caller reference.`,
          409,
        );
    }
    const name = normalizeName(input.name);
    const n = this.#seq++;
    const nameServers = [0, 1, 2, 3].map(
      (i) => `ns-${(n * 4 + i) % 2048}.awsdns-${String((n + i) % 64).padStart(2, '0')}.${['com', 'net', 'org', 'co.uk'][i]}`,
    );
    const zone: SimZone = {
      id: newRoute53Id('Z'),
      name,
      callerReference: input.callerReference,
      comment: input.comment,
      privateZone: input.vpc !== undefined,
      vpcs: input.vpc ? [input.vpc] : [],
      nameServers,
      sets: new Map(),
      seq: n,
    };
    const soa: SimRecordSet = {
      name,
      type: 'SOA',
      ttl: 900,
      values: [`${nameServers[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`],
    };
    const ns: SimRecordSet = { name, type: 'NS', ttl: 172800, values: nameServers.map((s) => `${s}.`) };
    zone.sets.set(setKey(name, 'SOA', undefined), soa);
    zone.sets.set(setKey(name, 'NS', undefined), ns);
    this.zones.set(zone.id, zone);
    return zone;
  }

  /** Deletes a zone; `HostedZoneNotEmpty` while it has sets besides its apex SOA and NS. */
  deleteZone(id: string): void {
    const z = this.zone(id);
    const extra = [...z.sets.values()].some((s) => !(s.name === z.name && (s.type === 'SOA' || s.type === 'NS')));
    if (extra)
      throw new Route53SimError(
        'HostedZoneNotEmpty',
        'The specified hosted zone contains non-required resource record sets and so cannot be deleted.',
        400,
      );
    this.zones.delete(id);
  }

  /** Zones in creation order. */
  sortedZones(): SimZone[] {
    return [...this.zones.values()].sort((a, b) => a.seq - b.seq);
  }

  /** Sets of a zone in Route 53's order (sorted once per version of the zone's sets). */
  #sorted(zone: SimZone): { keys: string[]; sets: SimRecordSet[] } {
    let cached = this.#order.get(zone.sets);
    if (cached === undefined || cached.sets.length !== zone.sets.size) {
      const sets = [...zone.sets.values()].map((s) => ({ k: sortKey(s.name, s.type, s.setIdentifier), s })).sort((a, b) => cmp(a.k, b.k));
      cached = { keys: sets.map((x) => x.k), sets: sets.map((x) => x.s) };
      this.#order.set(zone.sets, cached);
    }
    return cached;
  }

  /**
   * Sets of a zone in Route 53's order from `start`: the first set at or after the start name (and,
   * given, type and identifier), as ListResourceRecordSets pages.
   */
  setsFrom(zone: SimZone, start: SetStart, max = Infinity): SimRecordSet[] {
    const { keys, sets } = this.#sorted(zone);
    if (start.name === undefined) return sets.slice(0, max);
    const from =
      start.type === undefined
        ? (sortKey(normalizeName(start.name), '', undefined).split('\u0000')[0] as string)
        : sortKey(normalizeName(start.name), start.type, start.identifier);
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((keys[mid] as string) < from) lo = mid + 1;
      else hi = mid;
    }
    return sets.slice(lo, lo + max);
  }

  /** Applies a change batch atomically. */
  change(zoneId: string, items: readonly SimChangeItem[], comment: string | undefined): SimChange {
    const z = this.zone(zoneId);
    const sets = applyChangeBatch(z, items);
    z.sets = sets;
    return this.newChange(comment);
  }

  /** Seeds `count` A record sets `host-N` directly (no API call), for pagination tests and benchmarks. */
  seedRecords(zoneId: string, count: number, valuesPerSet = 1): void {
    const z = this.zone(zoneId);
    for (let i = 0; i < count; i++) {
      const name = `host-${i}.${z.name}`;
      const values = Array.from({ length: valuesPerSet }, (_, j) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i + j) & 255}`);
      z.sets.set(setKey(name, 'A', undefined), { name, type: 'A', ttl: 300, values: [...new Set(values)] });
    }
    this.#order.delete(z.sets);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
