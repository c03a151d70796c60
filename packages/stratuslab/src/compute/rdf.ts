import { XMLParser } from 'fast-xml-parser';

/** Namespace URIs of Marketplace metadata. */
export const NS = Object.freeze({
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcterms: 'http://purl.org/dc/terms/',
  slterms: 'http://mp.stratuslab.eu/slterms#',
  slreq: 'http://mp.stratuslab.eu/slreq#',
});

/** One Marketplace entry, read from its `rdf:Description` by namespace URI (whatever the prefixes). */
export interface MarketplaceEntry {
  /** `dcterms:identifier`: the 27-character image id. */
  readonly identifier: string;
  /** `rdf:about` of the description. */
  readonly about: string | undefined;
  /** Single-valued terms by `<namespace URI><local name>` (`http://purl.org/dc/terms/title`). */
  readonly terms: ReadonlyMap<string, string>;
  /** `slterms:location` values (image URLs). */
  readonly locations: readonly string[];
  /** `slreq:checksum` entries. */
  readonly checksums: readonly { readonly algorithm: string; readonly value: string }[];
  /** `slreq:endorsement/slreq:endorser/slreq:email`, when present. */
  readonly endorserEmail: string | undefined;
  /** `slreq:endorsement/dcterms:created`, when present. */
  readonly endorsed: string | undefined;
}

type El = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (_name, _jpath, _leaf, isAttribute) => !isAttribute,
});

/** Prefix → namespace URI declarations of an element, layered over the inherited ones. */
function scope(el: El, inherited: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map(inherited);
  for (const [k, v] of Object.entries(el)) {
    if (k.startsWith('@_xmlns:')) out.set(k.slice(8), String(v));
    else if (k === '@_xmlns') out.set('', String(v));
  }
  return out;
}

/**
 * Child elements of `el` whose expanded name is `uri` + `local`; an element's own `xmlns:*`
 * declarations count for its own name, as XML Namespaces say.
 */
function children(el: El, ns: ReadonlyMap<string, string>, uri: string, local: string): El[] {
  const out: El[] = [];
  for (const [k, v] of Object.entries(el)) {
    if (k.startsWith('@_') || k === '#text') continue;
    const colon = k.indexOf(':');
    const prefix = colon === -1 ? '' : k.slice(0, colon);
    const name = colon === -1 ? k : k.slice(colon + 1);
    if (name !== local) continue;
    for (const item of v as unknown[]) {
      const child = typeof item === 'object' && item !== null ? (item as El) : { '#text': item };
      if (scope(child, ns).get(prefix) === uri) out.push(child);
    }
  }
  return out;
}

function text(el: El | undefined): string | undefined {
  if (!el) return undefined;
  const t = el['#text'];
  return t === undefined ? '' : String(t);
}

/** Attribute `local` in namespace `uri` of `el`. */
function attr(el: El, ns: ReadonlyMap<string, string>, uri: string, local: string): string | undefined {
  for (const [k, v] of Object.entries(el)) {
    if (!k.startsWith('@_')) continue;
    const name = k.slice(2);
    const colon = name.indexOf(':');
    if (colon !== -1 && name.slice(colon + 1) === local && ns.get(name.slice(0, colon)) === uri) return String(v);
  }
  return undefined;
}

/** Terms read as single values. */
const SINGLE_TERMS: readonly (readonly [string, string])[] = [
  [NS.dcterms, 'title'],
  [NS.dcterms, 'description'],
  [NS.dcterms, 'type'],
  [NS.dcterms, 'format'],
  [NS.dcterms, 'compression'],
  [NS.dcterms, 'creator'],
  [NS.dcterms, 'created'],
  [NS.dcterms, 'valid'],
  [NS.dcterms, 'publisher'],
  [NS.slterms, 'os'],
  [NS.slterms, 'os-version'],
  [NS.slterms, 'os-arch'],
  [NS.slterms, 'version'],
  [NS.slterms, 'kind'],
  [NS.slterms, 'hypervisor'],
  [NS.slterms, 'disks-bus'],
  [NS.slreq, 'bytes'],
];

/** Reads one `rdf:RDF` element's description. */
function readEntry(rdfEl: El, inherited: ReadonlyMap<string, string>): MarketplaceEntry | undefined {
  const ns = scope(rdfEl, inherited);
  const desc = children(rdfEl, ns, NS.rdf, 'Description')[0];
  if (!desc) return undefined;
  const dns = scope(desc, ns);
  const identifier = text(children(desc, dns, NS.dcterms, 'identifier')[0])?.trim();
  if (!identifier) return undefined;
  const terms = new Map<string, string>();
  for (const [uri, local] of SINGLE_TERMS) {
    const v = text(children(desc, dns, uri, local)[0]);
    if (v !== undefined && v !== '') terms.set(uri + local, v);
  }
  const endorsement = children(desc, dns, NS.slreq, 'endorsement')[0];
  const endorser = endorsement ? children(endorsement, dns, NS.slreq, 'endorser')[0] : undefined;
  return {
    identifier,
    about: attr(desc, dns, NS.rdf, 'about'),
    terms,
    locations: children(desc, dns, NS.slterms, 'location')
      .map((l) => text(l)?.trim() ?? '')
      .filter((l) => l !== ''),
    checksums: children(desc, dns, NS.slreq, 'checksum').flatMap((c) => {
      const algorithm = text(children(c, dns, NS.slreq, 'algorithm')[0])?.trim();
      const value = text(children(c, dns, NS.slreq, 'value')[0])?.trim();
      return algorithm && value ? [{ algorithm, value }] : [];
    }),
    endorserEmail: endorser ? text(children(endorser, dns, NS.slreq, 'email')[0])?.trim() : undefined,
    endorsed: endorsement ? text(children(endorsement, dns, NS.dcterms, 'created')[0])?.trim() : undefined,
  };
}

/**
 * Parses a Marketplace answer: a `<metadata>` root holding one `rdf:RDF` document per entry, or a
 * bare `rdf:RDF` document. Elements are matched by namespace URI, not by prefix. Throws on XML that
 * is not well formed or has a DOCTYPE.
 */
export function parseMarketplaceMetadata(xml: string): MarketplaceEntry[] {
  if (/<!DOCTYPE/i.test(xml)) throw new Error('Marketplace metadata must not contain a DOCTYPE');
  const doc = parser.parse(xml, true) as El;
  const empty = new Map<string, string>();
  const entries: MarketplaceEntry[] = [];
  const visitRdf = (parent: El, ns: ReadonlyMap<string, string>): void => {
    for (const rdf of children(parent, ns, NS.rdf, 'RDF')) {
      const e = readEntry(rdf, ns);
      if (e) entries.push(e);
    }
  };
  for (const root of (doc['metadata'] as El[] | undefined) ?? []) visitRdf(root, scope(root, empty));
  // A bare rdf:RDF document: its own xmlns declarations define the prefix.
  for (const [k, v] of Object.entries(doc)) {
    if (!k.endsWith(':RDF') && k !== 'RDF') continue;
    for (const rdf of v as El[]) {
      const e = readEntry(rdf, empty);
      if (e) entries.push(e);
    }
  }
  return entries;
}
