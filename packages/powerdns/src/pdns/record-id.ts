import { InvalidArgumentError } from '@cloudmux/core';

/** What a PowerDNS record id names: one value of one rrset. */
export interface PowerDnsRecordKey {
  /** Canonical owner name. */
  readonly name: string;
  /** Type. */
  readonly type: string;
  /** Content as PowerDNS stores it. */
  readonly content: string;
}

/**
 * The portable id of one record: base64url of `[name, type, content]`. PowerDNS has no record
 * ids (an rrset is addressed by name and type), so the id is the record itself: stable while the
 * record is unchanged, and decodable with {@link decodeRecordId}.
 */
export function encodeRecordId(key: PowerDnsRecordKey): string {
  return Buffer.from(JSON.stringify([key.name, key.type, key.content]), 'utf8').toString('base64url');
}

/** Decodes an id made by {@link encodeRecordId}; anything else is an `InvalidArgumentError`. */
export function decodeRecordId(id: unknown): PowerDnsRecordKey {
  const bad = (): never => {
    throw new InvalidArgumentError(`Invalid PowerDNS record id ${JSON.stringify(id)}: expected an id returned by this driver`, {
      provider: 'powerdns',
    });
  };
  if (typeof id !== 'string' || id === '' || !/^[A-Za-z0-9_-]+$/.test(id)) return bad();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
  } catch {
    return bad();
  }
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'string')) return bad();
  const [name, type, content] = v as [string, string, string];
  return { name, type, content };
}
