// The XML-RPC codec against the examples of the XML-RPC specification (xmlrpc.com/spec.md):
// every scalar type, struct, array, the request, the response and the fault response; plus
// round trips, the <nil/> extension, and what must be refused.
import {
  decodeCall,
  decodeResponse,
  encodeCall,
  encodeFault,
  encodeResponse,
  encodeValue,
  XmlRpcDouble,
  XmlRpcFormatError,
  type XmlRpcValue,
} from '../../src/xmlrpc/codec.js';

/** Decodes one `<value>` through a response document. */
function value(inner: string): XmlRpcValue {
  const r = decodeResponse(`<?xml version="1.0"?><methodResponse><params><param><value>${inner}</value></param></params></methodResponse>`);
  if (r.kind !== 'value') throw new Error('fault');
  return r.value;
}

describe('XML-RPC spec examples', () => {
  it('decodes the request example (examples.getStateName, i4 41)', () => {
    const xml = `<?xml version="1.0"?>
<methodCall>
  <methodName>examples.getStateName</methodName>
  <params>
    <param>
        <value><i4>41</i4></value>
        </param>
    </params>
  </methodCall>`;
    expect(decodeCall(xml)).toEqual({ methodName: 'examples.getStateName', params: [41] });
  });

  it('decodes the response example ("South Dakota")', () => {
    const xml = `<?xml version="1.0"?>
<methodResponse>
  <params>
    <param>
        <value><string>South Dakota</string></value>
        </param>
    </params>
  </methodResponse>`;
    expect(decodeResponse(xml)).toEqual({ kind: 'value', value: 'South Dakota' });
  });

  it('decodes the fault example (4, "Too many parameters.")', () => {
    const xml = `<?xml version="1.0"?>
<methodResponse>
  <fault>
    <value>
      <struct>
        <member>
          <name>faultCode</name>
          <value><int>4</int></value>
          </member>
        <member>
          <name>faultString</name>
          <value><string>Too many parameters.</string></value>
          </member>
        </struct>
      </value>
    </fault>
  </methodResponse>`;
    expect(decodeResponse(xml)).toEqual({ kind: 'fault', faultCode: 4, faultString: 'Too many parameters.' });
  });

  it('decodes every scalar type of the spec table', () => {
    expect(value('<i4>-12</i4>')).toBe(-12);
    expect(value('<int>-12</int>')).toBe(-12);
    expect(value('<boolean>1</boolean>')).toBe(true);
    expect(value('<boolean>0</boolean>')).toBe(false);
    expect(value('<string>hello world</string>')).toBe('hello world');
    expect(value('<double>-12.214</double>')).toBe(-12.214);
    expect(value('<dateTime.iso8601>19980717T14:08:55</dateTime.iso8601>')).toEqual(new Date(Date.UTC(1998, 6, 17, 14, 8, 55)));
    expect((value('<base64>eW91IGNhbid0IHJlYWQgdGhpcyE=</base64>') as Buffer).toString('utf8')).toBe("you can't read this!");
  });

  it('treats a value without a type as a string, whitespace kept', () => {
    expect(value('  South Dakota ')).toBe('  South Dakota ');
    expect(value('<string></string>')).toBe('');
  });

  it('decodes the struct example (lowerBound 18, upperBound 139)', () => {
    expect(
      value(`<struct>
   <member>
      <name>lowerBound</name>
      <value><i4>18</i4></value>
      </member>
   <member>
      <name>upperBound</name>
      <value><i4>139</i4></value>
      </member>
   </struct>`),
    ).toEqual({ lowerBound: 18, upperBound: 139 });
  });

  it('decodes the array example (12, "Egypt", false, -31)', () => {
    expect(
      value(`<array>
   <data>
      <value><i4>12</i4></value>
      <value><string>Egypt</string></value>
      <value><boolean>0</boolean></value>
      <value><i4>-31</i4></value>
      </data>
   </array>`),
    ).toEqual([12, 'Egypt', false, -31]);
  });
});

describe('encoding', () => {
  it('encodes each type, round trips through the decoder', () => {
    const v = {
      i: 41,
      d: -12.214,
      forcedDouble: new XmlRpcDouble(2),
      b: false,
      s: 'a <b> & "c"',
      t: new Date(Date.UTC(1998, 6, 17, 14, 8, 55)),
      bin: Buffer.from("you can't read this!"),
      arr: [12, 'Egypt', false, -31],
      nested: { lowerBound: 18, upperBound: 139 },
      nil: null,
    };
    expect(encodeValue(41)).toBe('<value><int>41</int></value>');
    expect(encodeValue(new XmlRpcDouble(2))).toBe('<value><double>2</double></value>');
    expect(encodeValue(new Date(Date.UTC(1998, 6, 17, 14, 8, 55)))).toBe(
      '<value><dateTime.iso8601>19980717T14:08:55</dateTime.iso8601></value>',
    );
    expect(encodeValue(Buffer.from("you can't read this!"))).toBe('<value><base64>eW91IGNhbid0IHJlYWQgdGhpcyE=</base64></value>');
    expect(encodeValue('a<&>')).toBe('<value><string>a&lt;&amp;&gt;</string></value>');
    const r = decodeResponse(encodeResponse(v));
    expect(r).toEqual({ kind: 'value', value: { ...v, forcedDouble: 2 } });
  });

  it('encodes a call and a fault the decoder reads back', () => {
    expect(decodeCall(encodeCall('one.vm.action', ['alice:-', 'finalize', 7]))).toEqual({
      methodName: 'one.vm.action',
      params: ['alice:-', 'finalize', 7],
    });
    expect(decodeResponse(encodeFault(-506, "Method 'x' not defined"))).toEqual({
      kind: 'fault',
      faultCode: -506,
      faultString: "Method 'x' not defined",
    });
  });

  it('encodes integers outside 32 bits and fractions as doubles, never with an exponent', () => {
    expect(encodeValue(2 ** 40)).toBe('<value><double>1099511627776</double></value>');
    expect(encodeValue(1e21)).toBe('<value><double>1000000000000000000000</double></value>');
    expect(encodeValue(1.5e-7)).toBe('<value><double>0.00000015</double></value>');
    expect(() => encodeValue(Number.NaN)).toThrow(XmlRpcFormatError);
  });

  it('refuses method names outside the spec alphabet', () => {
    expect(() => encodeCall('one vm<info>', [])).toThrow(XmlRpcFormatError);
  });
});

describe('decoding refuses what is not XML-RPC', () => {
  it.each([
    ['an int with text', '<int>4x</int>'],
    ['an i4 out of 32-bit range', '<i4>2147483648</i4>'],
    ['a boolean other than 0/1', '<boolean>true</boolean>'],
    ['a malformed double', '<double>1.2.3</double>'],
    ['a malformed date', '<dateTime.iso8601>yesterday</dateTime.iso8601>'],
    ['an unknown type', '<float>1.5</float>'],
    ['two type elements', '<int>1</int><int>2</int>'],
    ['an unknown entity', '<string>&nbsp;</string>'],
  ])('%s', (_what, inner) => {
    expect(() => value(inner)).toThrow(XmlRpcFormatError);
  });

  it('decodes numeric character references and the five predefined entities', () => {
    expect(value('<string>&#65;&#x42; &lt;&gt;&amp;&quot;&apos;</string>')).toBe('AB <>&"\'');
  });

  it('refuses DOCTYPEs (no entity expansion), other roots and responses with two params', () => {
    expect(() =>
      decodeResponse(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><methodResponse><params><param><value>&a;</value></param></params></methodResponse>',
      ),
    ).toThrow(XmlRpcFormatError);
    expect(() => decodeResponse('<methodCall><methodName>a</methodName></methodCall>')).toThrow(/methodResponse/);
    expect(() =>
      decodeResponse('<methodResponse><params><param><value>a</value></param><param><value>b</value></param></params></methodResponse>'),
    ).toThrow(/exactly one/);
    expect(() => decodeResponse('<methodResponse><params>')).toThrow(XmlRpcFormatError);
  });
});
