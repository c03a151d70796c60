import {
  absoluteName,
  bindRecordData,
  escapeBindName,
  escapeCharacterString,
  ownerName,
  quoteCharacterStrings,
  splitCharacterStrings,
  toBindZoneFile,
  type BindRecord,
} from '@cloudmux/core/dns';
import { InvalidArgumentError } from '@cloudmux/core/errors';

const rec = (r: Partial<BindRecord> & Pick<BindRecord, 'type' | 'data'>): BindRecord => ({
  name: 'x',
  ttl: undefined,
  priority: undefined,
  ...r,
});

describe('TXT character-string escaping', () => {
  it('escapes quotes and backslashes and keeps spaces', () => {
    expect(escapeCharacterString(Buffer.from('say "hi" \\o/'))).toBe('say \\"hi\\" \\\\o/');
    expect(quoteCharacterStrings('v=spf1 -all')).toEqual(['"v=spf1 -all"']);
  });

  it('writes control and non-ASCII bytes as \\DDD', () => {
    expect(escapeCharacterString(Buffer.from('a\nb\tc\u0000'))).toBe('a\\010b\\009c\\000');
    expect(escapeCharacterString(Buffer.from('é', 'utf8'))).toBe('\\195\\169');
    expect(quoteCharacterStrings('')).toEqual(['""']);
  });

  it('splits text into strings of at most 255 bytes that concatenate back', () => {
    const text = 'x'.repeat(600);
    const chunks = splitCharacterStrings(text);
    expect(chunks.map((c) => c.length)).toEqual([255, 255, 90]);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
  });

  it('never splits inside a multi-byte character', () => {
    const text = 'a' + 'é'.repeat(200); // 401 bytes; a 255-byte cut would land inside an é
    const chunks = splitCharacterStrings(text);
    expect(chunks.length).toBe(2);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(255);
      expect(c.toString('utf8')).not.toContain('\uFFFD');
    }
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
  });

  it('escapes after splitting, so an escape never straddles two strings', () => {
    const text = `${'a'.repeat(254)}"${'b'.repeat(10)}`;
    expect(quoteCharacterStrings(text)).toEqual([`"${'a'.repeat(254)}\\""`, `"${'b'.repeat(10)}"`]);
  });
});

describe('names', () => {
  it('renders owners: apex, relative and absolute', () => {
    expect(ownerName('')).toBe('@');
    expect(ownerName('@')).toBe('@');
    expect(ownerName('www')).toBe('www');
    expect(ownerName('_sip._tcp')).toBe('_sip._tcp');
    expect(ownerName('*.dev')).toBe('*.dev');
    expect(ownerName('host.other.org.')).toBe('host.other.org.');
  });

  it('escapes special characters in names', () => {
    expect(escapeBindName('a b;c"d')).toBe('a\\ b\\;c\\"d');
    expect(escapeBindName('a\\b')).toBe('a\\\\b');
    expect(escapeBindName('a@b$c(d)')).toBe('a\\@b\\$c\\(d\\)');
    expect(escapeBindName('tab\there')).toBe('tab\\009here');
  });

  it('makes data targets absolute', () => {
    expect(absoluteName('mail.example.com', 'example.com')).toBe('mail.example.com.');
    expect(absoluteName('mail.example.com.', 'example.com')).toBe('mail.example.com.');
    expect(absoluteName('@', 'example.com')).toBe('example.com.');
    expect(absoluteName('.', 'example.com')).toBe('.');
  });
});

describe('record data', () => {
  const o = 'example.com';
  it('renders each type', () => {
    expect(bindRecordData(rec({ type: 'A', data: '192.0.2.1' }), o)).toBe('192.0.2.1');
    expect(bindRecordData(rec({ type: 'AAAA', data: '2001:db8::1' }), o)).toBe('2001:db8::1');
    expect(bindRecordData(rec({ type: 'CNAME', data: 'www.example.com' }), o)).toBe('www.example.com.');
    expect(bindRecordData(rec({ type: 'MX', data: 'mail.example.com', priority: 10 }), o)).toBe('10 mail.example.com.');
    expect(bindRecordData(rec({ type: 'MX', data: '20 mx2.example.com.' }), o)).toBe('20 mx2.example.com.');
    expect(bindRecordData(rec({ type: 'SRV', data: '5 5060 sip.example.com', priority: 0 }), o)).toBe('0 5 5060 sip.example.com.');
    expect(bindRecordData(rec({ type: 'NS', data: 'ns1.example.net' }), o)).toBe('ns1.example.net.');
    expect(bindRecordData(rec({ type: 'PTR', data: 'host.example.com' }), o)).toBe('host.example.com.');
    expect(bindRecordData(rec({ type: 'CAA', data: '0 issue letsencrypt.org' }), o)).toBe('0 issue "letsencrypt.org"');
    expect(bindRecordData(rec({ type: 'CAA', data: '128 ISSUE "ca.example"' }), o)).toBe('128 issue "ca.example"');
    expect(bindRecordData(rec({ type: 'SOA', data: 'ns1.example.com admin.example.com 7 3600 600 86400 300' }), o)).toBe(
      'ns1.example.com. admin.example.com. ( 7 3600 600 86400 300 )',
    );
    expect(bindRecordData(rec({ type: 'TXT', data: 'y'.repeat(300) }), o)).toBe(`( "${'y'.repeat(255)}"\n\t\t\t\t"${'y'.repeat(45)}" )`);
  });

  it('refuses malformed data with InvalidArgumentError naming the record', () => {
    const cases: BindRecord[] = [
      rec({ type: 'MX', data: 'mail.example.com' }),
      rec({ type: 'MX', data: 'mail.example.com', priority: 70000 }),
      rec({ type: 'SRV', data: 'sip.example.com', priority: 1 }),
      rec({ type: 'SRV', data: 'x y sip.example.com', priority: 1 }),
      rec({ type: 'A', data: '192.0.2.1\n@ IN NS evil.' }),
      rec({ type: 'CNAME', data: '' }),
      rec({ type: 'CAA', data: 'issue letsencrypt.org' }),
      rec({ type: 'SOA', data: 'ns1 admin 1 2 3' }),
    ];
    for (const r of cases) {
      let err: unknown;
      try {
        bindRecordData(r, o);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(InvalidArgumentError);
      expect((err as Error).message).toContain(JSON.stringify(r.data));
    }
  });
});

describe('toBindZoneFile', () => {
  it('writes $ORIGIN, $TTL and a documented synthesized SOA naming the apex NS', () => {
    const text = toBindZoneFile(
      { domain: 'example.com.', ttl: undefined },
      [rec({ name: '', type: 'NS', data: 'ns.example.net' }), rec({ name: 'www', type: 'A', data: '192.0.2.1', ttl: 60 })],
      { serial: 2026010101 },
    );
    expect(text.split('\n').slice(1, 5)).toEqual([
      '$ORIGIN example.com.',
      '$TTL 3600',
      '@\t\tIN\tSOA\tns.example.net. hostmaster.example.com. ( 2026010101 86400 7200 3600000 3600 )',
      '@\t\tIN\tNS\tns.example.net.',
    ]);
    expect(text).toContain('www\t60\tIN\tA\t192.0.2.1\n');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('uses the zone TTL and an existing SOA, written first', () => {
    const text = toBindZoneFile({ domain: 'example.org', ttl: 300 }, [
      rec({ name: 'a', type: 'A', data: '192.0.2.9' }),
      rec({ name: '', type: 'SOA', data: 'ns.example.org hostmaster.example.org 5 1 2 3 4', ttl: 900 }),
    ]);
    const lines = text.split('\n');
    expect(lines[2]).toBe('$TTL 300');
    expect(lines[3]).toBe('@\t900\tIN\tSOA\tns.example.org. hostmaster.example.org. ( 5 1 2 3 4 )');
    expect(text.match(/SOA/g)?.length).toBe(1);
  });

  it('uses today as the default serial of a synthesized SOA', () => {
    const d = new Date();
    const today = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}00`;
    expect(toBindZoneFile({ domain: 'example.com', ttl: 60 }, [])).toContain(`ns1.example.com. hostmaster.example.com. ( ${today} `);
  });

  it('refuses two SOA records and a bad serial', () => {
    const soa = rec({ name: '', type: 'SOA', data: 'a.example.com b.example.com 1 2 3 4 5' });
    expect(() => toBindZoneFile({ domain: 'example.com', ttl: 60 }, [soa, soa])).toThrow(InvalidArgumentError);
    expect(() => toBindZoneFile({ domain: 'example.com', ttl: 60 }, [], { serial: -1 })).toThrow(/serial -1/);
  });

  it('writes ALIAS records as comments', () => {
    const text = toBindZoneFile({ domain: 'example.com', ttl: 60 }, [rec({ name: 'cdn', type: 'ALIAS', data: 'target.example.net' })], {
      serial: 1,
    });
    expect(text).toContain('; ALIAS cdn -> target.example.net. (not a BIND record type');
    expect(text).not.toMatch(/^cdn/m);
  });
});
