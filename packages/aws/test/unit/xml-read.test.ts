import { parseXml, xmlItems, xmlObject, xmlText } from '../../src/xml/index.js';
import { tagsOf } from '../../src/ec2/wire.js';

describe('reading parsed EC2 XML', () => {
  it('xmlText trims surrounding whitespace; blank text is absent', () => {
    expect(xmlText(' \n aa:bb \t')).toBe('aa:bb');
    expect(xmlText('a b')).toBe('a b');
    expect(xmlText(' \n ')).toBeUndefined();
    expect(xmlText('')).toBeUndefined();
  });

  it('tag values keep their spaces (they are data)', () => {
    const doc = parseXml('<R><tagSet><item><key>Name</key><value> padded </value></item></tagSet></R>');
    expect(tagsOf(xmlObject(doc.R))).toEqual({ Name: ' padded ' });
  });

  it('a repeated list element yields the items of every occurrence, in order', () => {
    const doc = parseXml('<R><set><item><id>1</id></item></set><set><item><id>2</id></item><item><id>3</id></item></set></R>');
    const r = xmlObject(doc.R)!;
    expect(xmlItems(r.set).map((i) => i.id)).toEqual(['1', '2', '3']);
    expect(xmlObject(r.set)).toEqual({ item: [{ id: '1' }] });
  });
});
