import { XMLParser } from 'fast-xml-parser';
import {
  decodeXmlText,
  escapeXmlText,
  forEachXmlRecord,
  parseXml,
  xmlObject,
  xmlObjects,
  xmlRawText,
  XmlSyntaxError,
  xmlText,
  type XmlObject,
} from '@cloudmux/core/xml';

/** fast-xml-parser configured to produce the same shape: the reference reader. */
const referenceParser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => name === 'Contents',
});

/** Drops the whitespace-only `#text` (indentation) fast-xml-parser keeps when not trimming. */
function withoutIndentation(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutIndentation);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (!(k === '#text' && typeof x === 'string' && x.trim() === '')) out[k] = withoutIndentation(x);
  return out;
}

const LISTING = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name>
  <Prefix></Prefix>
  <KeyCount>2</KeyCount>
  <IsTruncated>true</IsTruncated>
  <Contents>
    <Key>a &amp; b &lt;c&gt; &#233;&#x1F600;</Key>
    <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag>
    <Size>10</Size>
    <Owner><ID>o1</ID><DisplayName/></Owner>
  </Contents>
  <!-- a comment -->
  <Contents>
    <Key><![CDATA[raw <key> & more]]></Key>
    <Size>0</Size>
  </Contents>
  <NextContinuationToken>abc/def+==</NextContinuationToken>
</ListBucketResult>`;

describe('@cloudmux/core/xml parseXml', () => {
  it('reads leaves as decoded text, empty elements as empty strings and declared array names as arrays', () => {
    const root = parseXml(LISTING, { arrays: new Set(['Contents']) }).ListBucketResult as XmlObject;
    expect(root.Prefix).toBe('');
    expect(root.NextContinuationToken).toBe('abc/def+==');
    const contents = xmlObjects(root.Contents);
    expect(contents.map((c) => c.Key)).toEqual(['a & b <c> é😀', 'raw <key> & more']);
    expect(contents[0]?.ETag).toBe('"9b2cf535f27731c974343645a3985328"');
    expect(contents[0]?.Owner).toEqual({ ID: 'o1', DisplayName: '' });
  });

  it('produces what fast-xml-parser (configured alike) produces', () => {
    expect(parseXml(LISTING, { arrays: new Set(['Contents']) })).toEqual(withoutIndentation(referenceParser.parse(LISTING)));
    const spaced = '<R><v>  padded\t</v><w>a&#13;&#10;b\r\nc\rd</w></R>';
    expect(parseXml(spaced)).toEqual(withoutIndentation(referenceParser.parse(spaced)));
    expect(parseXml(spaced)).toEqual({ R: { v: '  padded\t', w: 'a\r\nb\nc\nd' } });
  });

  it('makes a repeated name an array, a single one a value unless declared', () => {
    expect(parseXml('<R><x>1</x><x>2</x><x>3</x></R>')).toEqual({ R: { x: ['1', '2', '3'] } });
    expect(parseXml('<R><x>1</x></R>')).toEqual({ R: { x: '1' } });
    expect(parseXml('<R><x>1</x></R>', { arrays: new Set(['x']) })).toEqual({ R: { x: ['1'] } });
  });

  it('drops attributes, including values containing ">"', () => {
    expect(parseXml('<R a="x>y" b=\'1\'><v>ok</v></R>')).toEqual({ R: { v: 'ok' } });
  });

  it('may jump over skipped elements without disturbing the rest; never skips the root', () => {
    const text = '<R><keep>1</keep><Owner><ID>x</ID></Owner><list><v>2</v><Owner/></list><nest><nest>in</nest></nest><tail>t</tail></R>';
    const skip = new Set(['Owner', 'nest']);
    const r = parseXml(text, { skip }).R as XmlObject;
    expect(r).toMatchObject({ keep: '1', list: { v: '2' }, tail: 't' });
    expect(r.Owner).toBeUndefined();
    expect(r.nest).toEqual({});
    expect(parseXml('<Owner><ID>1</ID></Owner>', { skip })).toEqual({ Owner: { ID: '1' } });
  });

  it('ignores a __proto__ element instead of polluting prototypes', () => {
    expect(parseXml('<R><__proto__><polluted>yes</polluted></__proto__><k>v</k></R>')).toEqual({ R: { k: 'v' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['mismatched end tag', '<a><b></a></b>'],
    ['unclosed element', '<a><b>text</b>'],
    ['no root element', '   '],
    ['two root elements', '<a/><b/>'],
    ['a DTD (entity expansion refused)', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['unterminated comment', '<a><!-- x </a>'],
    ['unterminated CDATA', '<a><![CDATA[x</a>'],
    ['unterminated start tag', '<a><b</a>'],
  ])('rejects %s with XmlSyntaxError and its offset', (_what, text) => {
    expect(() => parseXml(text)).toThrow(XmlSyntaxError);
    try {
      parseXml(text);
    } catch (e) {
      expect((e as XmlSyntaxError).offset).toBeGreaterThanOrEqual(0);
      expect((e as Error).message).toMatch(/at offset \d+$/);
    }
  });
});

describe('@cloudmux/core/xml value helpers', () => {
  it('xmlText trims surrounding whitespace and treats blank as absent; xmlRawText keeps text as sent', () => {
    expect(xmlText(' \n aa:bb \t')).toBe('aa:bb');
    expect(xmlText('a b')).toBe('a b');
    expect(xmlText(' \n ')).toBeUndefined();
    expect(xmlText('')).toBeUndefined();
    expect(xmlText({ a: '1' })).toBeUndefined();
    expect(xmlRawText(' x ')).toBe(' x ');
    expect(xmlRawText('')).toBe('');
    expect(xmlRawText(undefined)).toBeUndefined();
  });

  it('xmlObject takes the first object; xmlObjects lists objects of one or many occurrences', () => {
    expect(xmlObject(['t', { a: '1' }, { a: '2' }])).toEqual({ a: '1' });
    expect(xmlObject('text')).toBeUndefined();
    expect(xmlObjects({ a: '1' })).toEqual([{ a: '1' }]);
    expect(xmlObjects([{ a: '1' }, '', { a: '2' }])).toEqual([{ a: '1' }, { a: '2' }]);
    expect(xmlObjects('')).toEqual([]);
    expect(xmlObjects(undefined)).toEqual([]);
  });

  it('decodeXmlText decodes entities and character references after end-of-line handling', () => {
    expect(decodeXmlText('a &amp; &lt;b&gt; &quot;&apos; &#65;&#x42; &bogus;')).toBe('a & <b> "\' AB &bogus;');
    expect(decodeXmlText('1\r\n2\r3&#13;')).toBe('1\n2\n3\r');
  });

  it('escapeXmlText escapes what would break an element or a quoted attribute, and parses back', () => {
    const raw = 'a & b <c> "d" \'e\'';
    expect(escapeXmlText(raw)).toBe("a &amp; b &lt;c&gt; &quot;d&quot; 'e'");
    expect(parseXml(`<R>${escapeXmlText(raw)}</R>`)).toEqual({ R: raw });
  });
});

/** The records of `text` read by forEachXmlRecord, copied. */
function records(
  text: string,
  record: string,
  fields: readonly string[],
): { values: (string | undefined)[][]; span: readonly [number, number] | undefined } {
  const values: (string | undefined)[][] = [];
  const span = forEachXmlRecord(text, record, fields, (v) => values.push([...v]));
  return { values, span };
}

/** The same fields read from parseXml's tree (the reference), first occurrence at any depth. */
function reference(text: string, record: string, fields: readonly string[]): (string | undefined)[][] {
  const found: XmlObject[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === record) for (const r of Array.isArray(x) ? x : [x]) found.push(typeof r === 'object' ? r : {});
      else walk(x);
    }
  };
  walk(parseXml(text));
  // First in document order: depth first, children in the order they first occur.
  const first = (o: unknown, name: string): unknown => {
    if (o === null || typeof o !== 'object') return undefined;
    if (Array.isArray(o)) return o.map((x) => first(x, name)).find((x) => x !== undefined);
    for (const [k, x] of Object.entries(o as Record<string, unknown>)) {
      if (k === name) return Array.isArray(x) ? (x as unknown[])[0] : x;
      const r = first(x, name);
      if (r !== undefined) return r;
    }
    return undefined;
  };
  return found.map((r) =>
    fields.map((f) => {
      const v = first(r, f);
      return typeof v === 'string' ? v : v === undefined ? undefined : '';
    }),
  );
}

const FIELDS = ['Key', 'ETag', 'Size', 'LastModified', 'StorageClass'];

describe('@cloudmux/core/xml forEachXmlRecord', () => {
  it('reads the fields of every record as parseXml would, in document order, and gives the span of a contiguous run', () => {
    const text = LISTING.replace('<!-- a comment -->', '');
    const { values, span } = records(text, 'Contents', FIELDS);
    expect(values).toEqual(reference(text, 'Contents', FIELDS));
    expect(values[0]).toEqual(['a & b <c> é😀', '"9b2cf535f27731c974343645a3985328"', '10', undefined, undefined]);
    expect(values[1]).toEqual(['raw <key> & more', undefined, '0', undefined, undefined]);
    // Cutting the span out leaves the rest of the answer, well-formed.
    const rest = text.slice(0, span![0]) + text.slice(span![1]);
    expect(rest).not.toContain('<Contents');
    expect(parseXml(rest)).toEqual({
      ListBucketResult: { Name: 'bucket', Prefix: '', KeyCount: '2', IsTruncated: 'true', NextContinuationToken: 'abc/def+==' },
    });
  });

  it('gives no span when anything but whitespace separates records, or when there are none', () => {
    expect(records(LISTING, 'Contents', FIELDS).span).toBeUndefined();
    expect(
      records('<R><Contents><Key>a</Key></Contents><x/><Contents><Key>b</Key></Contents></R>', 'Contents', FIELDS).span,
    ).toBeUndefined();
    expect(records('<R><Other/></R>', 'Contents', FIELDS)).toEqual({ values: [], span: undefined });
    const spaced = '<R><Contents><Key>a</Key></Contents>\n  <Contents><Key>b</Key></Contents></R>';
    expect(records(spaced, 'Contents', FIELDS).span).toEqual([3, spaced.length - 4]);
  });

  it('matches parseXml on awkward records: empty, self-closing, attributes, children, comments, CDATA, similar names, whitespace', () => {
    const text =
      '<R>' +
      '<Contents/>' +
      '<Contents a="1"><Key/><ETag>&quot;e&quot;</ETag></Contents>' +
      '<Contents><Key a="x>y">attr</Key><Size>1</Size></Contents>' +
      '<Contents><Owner><Key>nested</Key></Owner><Key>top</Key></Contents>' +
      '<Contents><Key><b>child</b></Key><Size> 2 </Size></Contents>' +
      '<Contents><!-- c --><Key>k&#13;&#10;\r\nv</Key></Contents>' +
      '<Contents><KeyCount>9</KeyCount><Key>after similar</Key></Contents>' +
      '<ContentsX><Key>not a record</Key></ContentsX>' +
      '<Contents>\n  <Key>  spaced  </Key>\n  <Size>3</Size>\n</Contents>' +
      '</R>';
    const { values } = records(text, 'Contents', FIELDS);
    expect(values).toEqual(reference(text, 'Contents', FIELDS));
    expect(values.map((v) => v[0])).toEqual([undefined, '', 'attr', 'nested', '', 'k\r\n\nv', 'after similar', '  spaced  ']);
  });

  it.each([
    ['a record without its end tag', '<R><Contents><Key>a</Key></R>'],
    ['a record nested in a record', '<R><Contents><Contents><Key>a</Key></Contents></Contents></R>'],
    ['an unterminated record start tag', '<R><Contents a="1"'],
  ])('refuses %s with XmlSyntaxError', (_what, text) => {
    expect(() => forEachXmlRecord(text, 'Contents', FIELDS, () => undefined)).toThrow(XmlSyntaxError);
  });

  it('reads a large generated listing exactly like parseXml', () => {
    let text = '<ListBucketResult>';
    for (let i = 0; i < 500; i++) {
      const key = i % 7 === 0 ? `a&amp;b/${i}&lt;x&gt;` : `logs/${i}.json`;
      text += `<Contents><Key>${key}</Key><LastModified>2026-12-04T09:00:0${i % 10}.000Z</LastModified><ETag>&quot;${i}&quot;</ETag><Size>${i}</Size>${i % 3 ? '<StorageClass>STANDARD</StorageClass>' : ''}</Contents>`;
    }
    text += '<IsTruncated>false</IsTruncated></ListBucketResult>';
    const { values } = records(text, 'Contents', FIELDS);
    expect(values).toHaveLength(500);
    expect(values).toEqual(reference(text, 'Contents', FIELDS));
  });
});
