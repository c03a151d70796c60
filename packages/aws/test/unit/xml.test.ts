import { XMLParser } from 'fast-xml-parser';
import { ACTIONS } from '../../src/simulator/actions/index.js';
import { parseXml, xmlItems, XmlSyntaxError, type XmlObject } from '../../src/xml/index.js';
import { PAGINATED, runScriptedSession, SPECIAL_KEY, SPECIAL_TEXT, type CapturedDocument } from '../simulator/session.js';

/**
 * fast-xml-parser configured to produce the same shape, used as a reference reader: text kept
 * verbatim (no trimming), entities and character references decoded by fast-xml-parser itself.
 */
const referenceParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => name === 'item',
});

/** Drops the whitespace-only `#text` (indentation between child elements) fast-xml-parser keeps when not trimming. */
function withoutIndentation(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutIndentation);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!(k === '#text' && typeof x === 'string' && x.trim() === '')) out[k] = withoutIndentation(x);
  return out;
}

const reference = { parse: (text: string): unknown => withoutIndentation(referenceParser.parse(text)) };

/**
 * The same document with the text of every leaf element re-encoded as character references
 * (`&#10;`, `&#x9;`, `&#x27;`, `&quot;`, `&#233;`, `&#x1F600;`…), which any XML writer may emit.
 */
function withCharacterReferences(xml: string): string {
  const ref = (c: string): string => {
    const cp = c.codePointAt(0) as number;
    if (c === '\n') return '&#10;';
    if (c === '\t') return '&#x9;';
    if (c === "'") return '&#x27;';
    if (c === '"') return '&quot;';
    if (cp > 0xffff) return `&#x${cp.toString(16).toUpperCase()};`;
    if (cp > 0x7f) return `&#${cp};`;
    return c;
  };
  return xml.replace(/>([^<]*[^\s<][^<]*)</g, (_m, text: string) => `>${Array.from(text, ref).join('')}<`);
}

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
    expect(parseXml(SAMPLE)).toEqual(reference.parse(SAMPLE));
    const spaced = '<R><v>  padded\t</v><w>a&#13;&#10;b\r\nc\rd</w></R>';
    expect(parseXml(spaced)).toEqual(reference.parse(spaced));
    expect(parseXml(spaced)).toEqual({ R: { v: '  padded\t', w: 'a\r\nb\nc\nd' } });
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

describe('parseXml against fast-xml-parser over every document the EC2 simulator emits', () => {
  let docs: CapturedDocument[];
  beforeAll(async () => {
    docs = await runScriptedSession();
  });

  it('the scripted session covers every action, every page, every empty set and the error documents', () => {
    const succeeded = new Set(docs.filter((d) => d.status === 200).map((d) => d.action));
    expect(Object.keys(ACTIONS).filter((a) => !succeeded.has(a))).toEqual([]);
    for (const action of PAGINATED) {
      const pages = docs.filter((d) => d.label.startsWith(`${action} page `));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages.slice(0, -1).every((p) => p.text.includes('<nextToken>'))).toBe(true);
      expect(pages.at(-1)?.text).not.toContain('<nextToken>');
    }
    const describes = Object.keys(ACTIONS).filter((a) => a.startsWith('Describe') && a !== 'DescribeInstanceAttribute');
    for (const action of describes)
      expect(docs.some((d) => d.label === `${action} empty` && /<[A-Za-z]+Set\/>|<[A-Za-z]+Info\/>/.test(d.text))).toBe(true);
    expect(
      docs
        .filter((d) => d.status >= 400)
        .map((d) => d.status)
        .sort(),
    ).toEqual([400, 400, 400, 400, 400, 400, 400, 401, 403, 412]);
    // Escaped markup, a character reference and the special text's other characters really occur.
    for (const entity of ['&amp;', '&lt;', '&gt;', '&#13;']) expect(docs.some((d) => d.text.includes(entity))).toBe(true);
    expect(docs.some((d) => d.text.includes(`"dq" 'sq'`) && d.text.includes('😀') && d.text.includes('\n'))).toBe(true);
    expect(docs.length).toBeGreaterThanOrEqual(110);
  });

  it('parses every captured document as fast-xml-parser does', () => {
    const differ = docs.filter((d) => {
      try {
        expect(parseXml(d.text)).toEqual(reference.parse(d.text));
        return false;
      } catch {
        return true;
      }
    });
    expect(differ.map((d) => d.label)).toEqual([]);
  });

  it('parses every captured document re-encoded with character references as fast-xml-parser does, and to the same values', () => {
    const variants = docs.map((d) => ({ ...d, variant: withCharacterReferences(d.text) }));
    for (const ref of ['&#10;', '&#x9;', '&#x27;', '&quot;', '&#233;', '&#x1F600;'])
      expect(variants.some((v) => v.variant.includes(ref))).toBe(true);
    const differ = variants.filter((d) => {
      try {
        const ours = parseXml(d.variant);
        expect(ours).toEqual(reference.parse(d.variant));
        expect(ours).toEqual(parseXml(d.text));
        return false;
      } catch {
        return true;
      }
    });
    expect(differ.map((d) => d.label)).toEqual([]);
  });

  it('round-trips the special tag values exactly', () => {
    const tags = docs.find((d) => d.label === 'DescribeTags page 1') as CapturedDocument;
    const items = xmlItems((parseXml(tags.text).DescribeTagsResponse as XmlObject).tagSet);
    expect(items.map((t) => t.value)).toContain(SPECIAL_TEXT);
    expect(items.map((t) => t.key)).toContain(SPECIAL_KEY);
  });
});
