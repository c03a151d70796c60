import { parseBindZone, parseCharacterStrings, tokenizeBindZone } from '@cloudmux/core/dns';
import { InvalidArgumentError } from '@cloudmux/core/errors';

const ZONE = `; a zone with most of the syntax
$ORIGIN example.com.
$TTL 1h
@\tIN\tSOA\tns1 hostmaster.example.com. (
\t\t2024010101 ; serial
\t\t7200 3600 2w 1H )
\tIN NS ns1
\tIN NS ns2.example.net.
ns1 300 IN A 192.0.2.53
www IN 600 A 192.0.2.10 ; class then TTL
\t   AAAA 2001:db8::10
mail.example.com. MX 10 mail
@ MX 20 backup.example.net.
txt TXT "say \\"hi\\"; not a comment" "back\\\\slash" "\\195\\169"
spf TXT ( "v=spf1"
          " -all" )
_sip._tcp SRV 10 5 5060 sip
alias CNAME www
caa CAA 0 issue "letsencrypt.org"
$ORIGIN sub.example.com.
host A 192.0.2.20
$TTL 120
late A 192.0.2.21
`;

function errorOf(fn: () => unknown): InvalidArgumentError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InvalidArgumentError) return err;
    throw err;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('parseBindZone', () => {
  const zone = parseBindZone(ZONE);
  const find = (name: string, type: string) => zone.records.filter((r) => r.name === name && r.type === type);

  it('takes the domain from $ORIGIN and the zone TTL from the first $TTL', () => {
    expect(zone.domain).toBe('example.com');
    expect(zone.ttl).toBe(3600);
  });

  it('reads a multi-line SOA with comments and TTL units', () => {
    expect(find('', 'SOA')[0]).toMatchObject({
      data: 'ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 3600',
      ttl: undefined,
    });
  });

  it('gives blank-owner lines the previous owner', () => {
    expect(find('', 'NS').map((r) => r.data)).toEqual(['ns1.example.com.', 'ns2.example.net.']);
    expect(find('www', 'AAAA')[0]).toMatchObject({ data: '2001:db8::10', ttl: undefined });
  });

  it('accepts TTL and class in either order', () => {
    expect(find('ns1', 'A')[0]!.ttl).toBe(300);
    expect(find('www', 'A')[0]!.ttl).toBe(600);
  });

  it('splits MX and SRV priorities off and qualifies relative targets', () => {
    expect(find('mail', 'MX')[0]).toMatchObject({ priority: 10, data: 'mail.example.com.' });
    expect(find('', 'MX')[0]).toMatchObject({ priority: 20, data: 'backup.example.net.' });
    expect(find('_sip._tcp', 'SRV')[0]).toMatchObject({ priority: 10, data: '5 5060 sip.example.com.' });
    expect(find('alias', 'CNAME')[0]!.data).toBe('www.example.com.');
    expect(find('caa', 'CAA')[0]!.data).toBe('0 issue "letsencrypt.org"');
  });

  it('unescapes quoted TXT strings and joins several strings', () => {
    expect(find('txt', 'TXT')[0]!.data).toBe('say "hi"; not a comment' + 'back\\slash' + 'é');
    expect(find('spf', 'TXT')[0]!.data).toBe('v=spf1 -all');
  });

  it('follows a later $ORIGIN and $TTL', () => {
    expect(find('host.sub', 'A')[0]).toMatchObject({ data: '192.0.2.20', ttl: undefined });
    expect(find('late.sub', 'A')[0]).toMatchObject({ data: '192.0.2.21', ttl: 120 });
  });

  it('uses the domain option when the text has no $ORIGIN', () => {
    const z = parseBindZone('@ 60 IN A 192.0.2.1\nwww CNAME @\n', { domain: 'example.org.' });
    expect(z.domain).toBe('example.org');
    expect(z.records.map((r) => [r.name, r.type, r.data, r.ttl])).toEqual([
      ['', 'A', '192.0.2.1', 60],
      ['www', 'CNAME', 'example.org.', 60],
    ]);
  });

  it.each([
    ['$ORIGIN example.com.\n@ IN A 192.0.2.1 (\n', /line 2, column 18: "\(" is never closed/],
    ['$ORIGIN example.com.\nwww IN A 192.0.2.1 )\n', /line 2, column 20: "\)" without/],
    ['$ORIGIN example.com.\nt TXT "open\n', /line 2, column 7: quoted string not closed/],
    ['$ORIGIN example.com.\nwww IN A 300.1.1.1\n', /line 2, column 10: 300\.1\.1\.1 is not an IPv4 address/],
    ['$ORIGIN example.com.\nwww IN BOGUS x\n', /line 2, column 8: unknown or unsupported record type BOGUS/],
    ['$ORIGIN example.com.\nwww CH A 192.0.2.1\n', /line 2, column 5: class CH is not supported/],
    ['$ORIGIN example.com.\nwww.other.org. A 192.0.2.1\n', /line 2, column 1: "www.other.org." is outside the zone example.com/],
    ['$ORIGIN example.com.\n$INCLUDE other.zone\n', /line 2, column 1: \$INCLUDE is not supported/],
    ['www A 192.0.2.1\n', /line 1, column 1: relative name "www" used before any \$ORIGIN/],
    ['$ORIGIN example.com.\n  A 192.0.2.1\n', /line 2, column 3: .*no previous owner/],
    ['$ORIGIN example.com.\nm MX ten mail\n', /line 2, column 6: MX preference must be an integer/],
    ['$ORIGIN example.com.\nt TXT "\\999"\n', /line 2, column 8: escape \\999 is not a byte/],
    ['$ORIGIN example.com.\n$TTL forever\n', /line 2, column 6: "forever" is not a TTL/],
  ])('refuses malformed text with line and column: %j', (text, message) => {
    expect(errorOf(() => parseBindZone(text)).message).toMatch(message);
  });

  it('says how to name a zone without $ORIGIN', () => {
    expect(errorOf(() => parseBindZone('')).message).toMatch(/no \$ORIGIN: pass the domain option/);
  });
});

describe('tokenizeBindZone and parseCharacterStrings', () => {
  it('keeps semicolons and parentheses inside quotes', () => {
    const [entry] = tokenizeBindZone('a TXT "x ; (y)" ; comment\n');
    expect(entry!.tokens.map((t) => t.raw)).toEqual(['a', 'TXT', '"x ; (y)"']);
  });

  it('reads PowerDNS-style TXT content back into bytes', () => {
    expect(parseCharacterStrings('"a \\"b\\"" "c\\\\d" "\\010"').map((b) => b.toString('utf8'))).toEqual(['a "b"', 'c\\d', '\n']);
  });
});
