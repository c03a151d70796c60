import { MalformedResponseError } from '@cloudmux/core/errors';
import { AzureBlobsStorageDriver } from '@cloudmux/azure';
import { parseXml } from '../../src/blob/xml.js';
import { listBlobsPage, listContainersPage, objectFromHeaders, objectFromListEntry } from '../../src/blob/to-object.js';

const driver = new AzureBlobsStorageDriver('acct', Buffer.from('key').toString('base64'), { endpoint: 'http://127.0.0.1:1/acct' });
afterAll(() => driver.close());

const PAGE = `\uFEFF<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ServiceEndpoint="https://acct.blob.core.windows.net/" ContainerName="box">
  <Prefix>a/</Prefix><MaxResults>2</MaxResults><Delimiter>/</Delimiter>
  <Blobs>
    <Blob>
      <Name> a/R&amp;D &lt;1&gt;.txt</Name>
      <Properties>
        <Creation-Time>Tue, 08 Jun 2021 10:00:00 GMT</Creation-Time>
        <Last-Modified>Wed, 09 Jun 2021 16:12:34 GMT</Last-Modified>
        <Etag>0x8D92B6B5A1C0F00</Etag>
        <Content-Length>3</Content-Length>
        <Content-Type>text/plain</Content-Type>
        <Content-MD5>kAFQmDzST7DWlj99KOF/cg==</Content-MD5>
        <BlobType>BlockBlob</BlobType>
        <AccessTier>Hot</AccessTier>
        <ServerEncrypted>true</ServerEncrypted>
      </Properties>
      <Metadata><build_2did>b&amp;1</build_2did><owner></owner></Metadata>
    </Blob>
    <BlobPrefix><Name>a/sub/</Name></BlobPrefix>
  </Blobs>
  <NextMarker>2!80!MDAwMDE2</NextMarker>
</EnumerationResults>`;

describe('List Blobs with core XML', () => {
  it('reads names as sent (entities decoded, spaces kept), properties, metadata, prefixes and the marker', () => {
    const page = listBlobsPage(parseXml(PAGE));
    expect(page.prefixes).toEqual(['a/sub/']);
    expect(page.next).toBe('2!80!MDAwMDE2');
    expect(page.blobs).toHaveLength(1);
    const o = objectFromListEntry(page.blobs[0]!, 'box', driver);
    expect(o.name).toBe(' a/R&D <1>.txt');
    expect(o.size).toBe(3);
    expect(o.hash).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(o.contentType).toBe('text/plain');
    expect(o.lastModified?.toISOString()).toBe('2021-06-09T16:12:34.000Z');
    expect(o.meta).toEqual({ 'build-id': 'b&1', owner: '' });
    expect(o.extra).toEqual({ etag: '0x8D92B6B5A1C0F00', blobType: 'BlockBlob', accessTier: 'Hot' });
  });

  it('an empty page has no blobs and no marker; a self-closing marker is no marker', () => {
    const page = listBlobsPage(parseXml('<EnumerationResults><Blobs /><NextMarker /></EnumerationResults>'));
    expect(page).toEqual({ blobs: [], prefixes: [], next: undefined });
    const one = listContainersPage(
      parseXml('<EnumerationResults><Containers><Container><Name>c</Name><Properties /></Container></Containers></EnumerationResults>'),
    );
    expect(one.containers.map((c) => c.name)).toEqual(['c']);
  });

  it('text that is not XML is MalformedResponseError', () => {
    expect(() => parseXml('<EnumerationResults><Blobs>')).toThrow(MalformedResponseError);
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')).toThrow(MalformedResponseError);
  });
});

describe('service dates', () => {
  it('reads RFC 1123 dates exactly as Date does, other forms through Date, and garbage as undefined', () => {
    for (const v of ['Wed, 09 Jun 2021 16:12:34 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Sun, 31 Dec 2045 23:59:59 GMT']) {
      const o = objectFromHeaders({ 'last-modified': v }, 'box', 'x', driver);
      expect(o.lastModified?.getTime()).toBe(new Date(v).getTime());
    }
    expect(objectFromHeaders({ 'last-modified': '2021-06-09T16:12:34Z' }, 'box', 'x', driver).lastModified?.toISOString()).toBe(
      '2021-06-09T16:12:34.000Z',
    );
    expect(objectFromHeaders({ 'last-modified': 'Wed, 09 Xyz 2021 16:12:34 GMT' }, 'box', 'x', driver).lastModified).toBeUndefined();
    expect(objectFromHeaders({ 'last-modified': 'soon' }, 'box', 'x', driver).lastModified).toBeUndefined();
  });
});
