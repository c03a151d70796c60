import type { SimulatorReply, SimulatorRequest } from '@cloudmux/core/testing';
import type { SimImage, SimState } from './state.js';

function esc(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** One signed-entry document (`rdf:RDF`) of the Marketplace, without the XML-DSig signature. */
export function entryRdf(img: SimImage): string {
  const opt = (tag: string, v: string | undefined): string => (v === undefined ? '' : `<${tag}>${esc(v)}</${tag}>`);
  return (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:slterms="http://mp.stratuslab.eu/slterms#" xmlns:slreq="http://mp.stratuslab.eu/slreq#" xml:base="http://mp.stratuslab.eu/">' +
    `<rdf:Description rdf:about="#${esc(img.id)}">` +
    `<dcterms:identifier>${esc(img.id)}</dcterms:identifier>` +
    `<slreq:bytes>${img.bytes}</slreq:bytes>` +
    `<slreq:checksum rdf:parseType="Resource"><slreq:algorithm>MD5</slreq:algorithm><slreq:value>${img.md5}</slreq:value></slreq:checksum>` +
    `<slreq:checksum rdf:parseType="Resource"><slreq:algorithm>SHA-1</slreq:algorithm><slreq:value>${img.sha1}</slreq:value></slreq:checksum>` +
    `<slreq:endorsement rdf:parseType="Resource"><dcterms:created>${img.created}</dcterms:created>` +
    '<slreq:endorser rdf:parseType="Resource"><slreq:email>images@stratuslab.eu</slreq:email><slreq:subject>CN=StratusLab Images</slreq:subject></slreq:endorser></slreq:endorsement>' +
    `<dcterms:type>machine</dcterms:type><dcterms:valid>2030-01-01T00:00:00Z</dcterms:valid>` +
    `${opt('dcterms:title', img.title)}${opt('dcterms:description', `${img.title} base image`)}` +
    `<dcterms:format>raw</dcterms:format><dcterms:compression>gz</dcterms:compression><dcterms:creator>StratusLab</dcterms:creator>` +
    `<dcterms:created>${img.created}</dcterms:created><dcterms:publisher>StratusLab</dcterms:publisher>` +
    `${opt('slterms:os', img.os)}${opt('slterms:os-version', img.osVersion)}<slterms:os-arch>x86_64</slterms:os-arch>${opt('slterms:version', img.version)}` +
    `<slterms:kind>machine</slterms:kind><slterms:hypervisor>kvm</slterms:hypervisor>${opt('slterms:disks-bus', img.disksBus)}` +
    `${(img.locations ?? []).map((l) => `<slterms:location>${esc(l)}</slterms:location>`).join('')}` +
    '</rdf:Description></rdf:RDF>'
  );
}

function metadata(images: readonly SimImage[]): SimulatorReply {
  return {
    status: 200,
    headers: { 'content-type': 'application/xml; charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<metadata>${images.map(entryRdf).join('')}</metadata>\n`,
  };
}

/** `GET /metadata`: every entry (no auth: the Marketplace is public for reads). */
export function listMetadata(state: SimState) {
  return (): SimulatorReply => metadata(state.images);
}

/** `GET /metadata/{id}`: the entries of one image; 404 when there are none. */
export function getMetadata(state: SimState) {
  return (_req: SimulatorRequest, params: Record<string, string>): SimulatorReply => {
    const found = state.images.filter((i) => i.id === params['id']);
    if (found.length === 0)
      return {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=UTF-8' },
        body: `no metadata matching query found: ${params['id'] ?? ''}\n`,
      };
    return metadata(found);
  };
}
