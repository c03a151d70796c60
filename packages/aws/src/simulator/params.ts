import { Ec2Error, invalidValue, missingParameter } from './errors.js';

const INDEXED = /^(\d+)(?:\.(.+))?$/;

/**
 * The parameters of one EC2 Query API request (`Action=…&InstanceId.1=…`), with helpers for
 * required values, numbers, booleans and the `Name.N` / `Name.N.Sub` list conventions.
 */
export class QueryParams {
  private readonly map: ReadonlyMap<string, string>;

  constructor(map: ReadonlyMap<string, string>) {
    this.map = map;
  }

  /** Parses `a=1&b=2` (form or query encoding; `+` is a space). A repeated name keeps the first value. */
  static parse(...sources: string[]): QueryParams {
    const map = new Map<string, string>();
    for (const source of sources) {
      for (const [name, value] of new URLSearchParams(source)) if (!map.has(name)) map.set(name, value);
    }
    return new QueryParams(map);
  }

  /** Every parameter as a read-only map. */
  entries(): ReadonlyMap<string, string> {
    return this.map;
  }

  /** A copy without some parameters. */
  without(names: ReadonlySet<string>): QueryParams {
    return new QueryParams(new Map([...this.map].filter(([name]) => !names.has(name))));
  }

  /** Every parameter name. */
  names(): IterableIterator<string> {
    return this.map.keys();
  }

  /** Whether any parameter is set. */
  get size(): number {
    return this.map.size;
  }

  /** A parameter's value. */
  get(name: string): string | undefined {
    return this.map.get(name);
  }

  /** Whether a parameter is present. */
  has(name: string): boolean {
    return this.map.has(name);
  }

  /** A required parameter; `MissingParameter` when absent or empty. */
  require(name: string): string {
    const value = this.map.get(name);
    if (value === undefined || value === '') throw missingParameter(name);
    return value;
  }

  /** An integer parameter within bounds; `InvalidParameterValue` otherwise. */
  int(name: string, bounds: { min?: number; max?: number } = {}): number | undefined {
    const raw = this.map.get(name);
    if (raw === undefined) return undefined;
    if (!/^-?\d+$/.test(raw)) throw invalidValue(name, raw, 'Expecting an integer.');
    const value = Number(raw);
    if ((bounds.min !== undefined && value < bounds.min) || (bounds.max !== undefined && value > bounds.max)) {
      throw new Ec2Error(
        'InvalidParameterValue',
        `Value ( ${raw} ) for parameter ${name} is invalid. Expecting a value${bounds.min !== undefined ? ` greater than or equal to ${bounds.min}` : ''}${bounds.min !== undefined && bounds.max !== undefined ? ' and' : ''}${bounds.max !== undefined ? ` less than or equal to ${bounds.max}` : ''}.`,
      );
    }
    return value;
  }

  /** A boolean parameter (`true`/`false`, any case). */
  bool(name: string): boolean | undefined {
    const raw = this.map.get(name);
    if (raw === undefined) return undefined;
    const lower = raw.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    throw invalidValue(name, raw, 'Expecting true or false.');
  }

  /** The values of `prefix.1`, `prefix.2`, … in index order. */
  list(prefix: string): string[] {
    const found: [number, string][] = [];
    const head = `${prefix}.`;
    for (const [name, value] of this.map) {
      if (!name.startsWith(head)) continue;
      const m = INDEXED.exec(name.slice(head.length));
      if (m && m[2] === undefined) found.push([Number(m[1]), value]);
    }
    return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  /** The structures `prefix.N.*` in index order, each as its own view (`prefix.1.Name` is `Name` in the first). */
  structs(prefix: string): QueryParams[] {
    const groups = new Map<number, Map<string, string>>();
    const head = `${prefix}.`;
    for (const [name, value] of this.map) {
      if (!name.startsWith(head)) continue;
      const m = INDEXED.exec(name.slice(head.length));
      if (!m || m[2] === undefined) continue;
      const index = Number(m[1]);
      let group = groups.get(index);
      if (!group) groups.set(index, (group = new Map()));
      group.set(m[2], value);
    }
    return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => new QueryParams(g));
  }

  /** A stable fingerprint of the parameters, without the names in `exclude` (for ClientToken idempotency). */
  fingerprint(exclude: ReadonlySet<string>): string {
    return [...this.map.entries()]
      .filter(([name]) => !exclude.has(name) && !name.startsWith('X-Amz-'))
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([n, v]) => `${n}=${v}`)
      .join('&');
  }
}

/** `Tag.N.Key` / `Tag.N.Value` pairs under a prefix (`Tag`, `TagSpecification.1.Tag`). */
export function parseTags(params: QueryParams, prefix = 'Tag'): Map<string, string> {
  const tags = new Map<string, string>();
  for (const t of params.structs(prefix)) {
    const key = t.get('Key');
    if (key === undefined || key === '') throw new Ec2Error('InvalidParameterValue', 'Tag key must not be empty');
    if (key.toLowerCase().startsWith('aws:')) {
      throw new Ec2Error('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use");
    }
    if (key.length > 128) throw invalidValue('tag key', key, 'Tag keys can be at most 128 characters long.');
    const value = t.get('Value') ?? '';
    if (value.length > 256) throw invalidValue('tag value', value, 'Tag values can be at most 256 characters long.');
    tags.set(key, value);
  }
  return tags;
}

/** Tags of `TagSpecification.N` entries for a resource type (`instance`, `volume`, …). */
export function tagSpecifications(params: QueryParams, validTypes: readonly string[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const spec of params.structs('TagSpecification')) {
    const type = spec.require('ResourceType');
    if (!validTypes.includes(type)) {
      throw new Ec2Error('InvalidParameterValue', `'${type}' is not a valid taggable resource type for this operation.`);
    }
    const tags = out.get(type) ?? new Map<string, string>();
    for (const [k, v] of parseTags(spec)) tags.set(k, v);
    out.set(type, tags);
  }
  return out;
}
