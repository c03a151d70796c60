import { XMLParser } from 'fast-xml-parser';
import { parseXml, xmlItems, XmlSyntaxError, type XmlObject } from '../../src/xml/index.js';

/** fast-xml-parser configured to produce the same shape, used as a reference reader. */
const reference = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, ignoreDeclaration: true, ignorePiTags: true, isArray: (name) => name === 'item' });

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>fdcdcab1-ae5c-489e-9c33-4637c5dda355</requestId>
    <reservationSet>
        <item>
            <reservationId>r-1234567890abcdef0</reservationId>
            <ownerId>123456789012</ownerId>
            <groupSet/>
            <instancesSet>
                <item>
                    <instanceId>i-1234567890abcdef0</instanceId>
                    <instanceState><code>16</code><name>running</name></instanceState>
                    <reason></reason>
                    <tagSet>
                        <item><key>Name</key><value>web &amp; &lt;api&gt; &#233;&#x2713;</value></item>
                        <item><key>note</key><value><![CDATA[a <raw> & value]]></value></item>
                    </tagSet>
                    <!-- a comment -->
                    <productCodes />
                </item>
            </instancesSet>
        </item>
    </reservationSet>
    <nextToken>abc/def+==</nextToken>
</DescribeInstancesResponse>`;

describe('parseXml', () => {
  it('reads an EC2 response: leaves as text, item lists as arrays, empty elements as empty strings', () => {
    const doc = parseXml(SAMPLE);
    const root = doc.DescribeInstancesResponse as XmlObject;
    expect(root.requestId).toBe('fdcdcab1-ae5c-489e-9c33-4637c5dda355');
    expect(root.nextToken).toBe('abc/def+==');
    const reservations = xmlItems(root.reservationSet);
    expect(reservations).toHaveLength(1);
    const reservation = reservations[0] as XmlObject;
    expect(reservation.groupSet).toBe('');
    expect(xmlItems(reservation.groupSet)).toEqual([]);
    const instance = xmlItems(reservation.instancesSet)[0] as XmlObject;
    expect(instance.reason).toBe('');
    expect(instance.productCodes).toBe('');
    expect(instance.instanceState).toEqual({ code: '16', name: 'running' });
    const tags = xmlItems(instance.tagSet);
    expect(tags.map((t) => t.value)).toEqual(['web & <api> é✓', 'a <raw> & value']);
  });

  it('produces what fast-xml-parser (configured alike) produces', () => {
    const sample = SAMPLE.replace(" &#233;&#x2713;", "");
    expect(parseXml(sample)).toEqual(reference.parse(sample));
    const page = `<R><a>1</a><a>2</a><b><item><c>x</c></item></b><d><e>&quot;q&apos;</e></d></R>`;
    expect(parseXml(page)).toEqual(reference.parse(page));
  });

  it('makes repeated names arrays and honours a custom array set', () => {
    expect(parseXml('<R><Error><Code>A</Code></Error></R>', new Set(['Error']))).toEqual({ R: { Error: [{ Code: 'A' }] } });
    expect(parseXml('<R><x>1</x><x>2</x><x>3</x></R>')).toEqual({ R: { x: ['1', '2', '3'] } });
  });

  it('keeps attribute values containing ">" from ending the tag, and drops attributes', () => {
    expect(parseXml('<R a="x>y" b=\'1\'><v>ok</v></R>')).toEqual({ R: { v: 'ok' } });
  });

  it('skips elements the caller never reads without disturbing the rest', () => {
    const text =
      '<R><keep>1</keep><opts><a>x</a><b><c>y</c></b></opts><list><item><opts>z</opts><v>2</v></item><item><opts/><v>3</v></item></list>' +
      '<nest><nest>inner</nest></nest><odd><odd x="1">q</odd></odd><tail>t</tail></R>';
    const skip = new Set(['opts', 'nest', 'odd']);
    const skipped = parseXml(text, undefined, skip).R as Record<string, unknown>;
    expect(skipped).toMatchObject({ keep: '1', list: { item: [{ v: '2' }, { v: '3' }] }, tail: 't' });
    expect(skipped.opts).toBeUndefined();
    // A skipped name nested in itself cannot be jumped over: the outer element is parsed (its inner one skipped).
    expect(skipped.nest).toEqual({});
    expect(skipped.odd).toEqual({});
    // The root is never skipped.
    expect(parseXml('<opts><a>1</a></opts>', undefined, skip)).toEqual({ opts: { a: '1' } });
    const full = parseXml(text);
    expect(full.R).toMatchObject({ opts: { a: 'x', b: { c: 'y' } }, nest: { nest: 'inner' } });
  });

  it('ignores a __proto__ element instead of polluting prototypes', () => {
    const doc = parseXml('<R><__proto__><polluted>yes</polluted></__proto__><k>v</k></R>');
    expect(doc).toEqual({ R: { k: 'v' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['mismatched end tag', '<a><b></a></b>'],
    ['unclosed element', '<a><b>text</b>'],
    ['no root element', '   '],
    ['two root elements', '<a/><b/>'],
    ['a DTD (entity expansion refused)', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['unterminated comment', '<a><!-- x </a>'],
    ['unterminated start tag', '<a><b</a>'],
  ])('rejects %s', (_what, text) => {
    expect(() => parseXml(text)).toThrow(XmlSyntaxError);
  });
});
