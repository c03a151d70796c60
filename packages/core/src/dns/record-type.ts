/** DNS record types known to cloudmux. */
export const RecordType = {
  A: 'A',
  AAAA: 'AAAA',
  ALIAS: 'ALIAS',
  CAA: 'CAA',
  CNAME: 'CNAME',
  DNAME: 'DNAME',
  HINFO: 'HINFO',
  LOC: 'LOC',
  MX: 'MX',
  NAPTR: 'NAPTR',
  NS: 'NS',
  PTR: 'PTR',
  SOA: 'SOA',
  SPF: 'SPF',
  SRV: 'SRV',
  SSHFP: 'SSHFP',
  TLSA: 'TLSA',
  TXT: 'TXT',
} as const;

/** One of the {@link RecordType} values. */
export type RecordType = (typeof RecordType)[keyof typeof RecordType];
