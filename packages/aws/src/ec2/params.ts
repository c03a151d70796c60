import { uriEncodeV4 } from '../signing/sigv4.js';

/** EC2 Query API parameters (flattened `Name.N.Sub` keys); `undefined` values are skipped. */
export type Ec2Params = Record<string, string | number | boolean | undefined>;

/** Filter values by filter name (`{ 'instance-state-name': ['running', 'stopped'], 'tag:env': 'prod' }`). */
export type Ec2Filters = Readonly<Record<string, string | readonly string[]>>;

/** Adds `prefix.1`, `prefix.2`… for a list of values. */
export function addList(params: Ec2Params, prefix: string, values: readonly string[] | undefined): Ec2Params {
  if (values) values.forEach((v, i) => (params[`${prefix}.${i + 1}`] = v));
  return params;
}

/** Adds `Filter.N.Name` / `Filter.N.Value.M`. */
export function addFilters(params: Ec2Params, filters: Ec2Filters | undefined): Ec2Params {
  if (!filters) return params;
  let n = 0;
  for (const [name, value] of Object.entries(filters)) {
    n++;
    params[`Filter.${n}.Name`] = name;
    const values = typeof value === 'string' ? [value] : value;
    values.forEach((v, m) => (params[`Filter.${n}.Value.${m + 1}`] = v));
  }
  return params;
}

/** Adds `prefix.N.Key` / `prefix.N.Value` (e.g. CreateTags' `Tag.N`). A `null`/`undefined` value sends the key alone. */
export function addTags(
  params: Ec2Params,
  prefix: string,
  tags: Readonly<Record<string, string | null | undefined>> | undefined,
): Ec2Params {
  if (!tags) return params;
  let n = 0;
  for (const [key, value] of Object.entries(tags)) {
    n++;
    params[`${prefix}.${n}.Key`] = key;
    if (value !== null && value !== undefined) params[`${prefix}.${n}.Value`] = value;
  }
  return params;
}

/** Adds one `TagSpecification.N` for `resourceType` when `tags` is non-empty. */
export function addTagSpecification(
  params: Ec2Params,
  index: number,
  resourceType: string,
  tags: Readonly<Record<string, string>> | undefined,
): Ec2Params {
  if (!tags || Object.keys(tags).length === 0) return params;
  params[`TagSpecification.${index}.ResourceType`] = resourceType;
  return addTags(params, `TagSpecification.${index}.Tag`, tags);
}

/** Encodes parameters as an `application/x-www-form-urlencoded` body (RFC 3986, as AWS signs it). */
export function encodeParams(params: Ec2Params): string {
  let out = '';
  for (const name in params) {
    const value = params[name];
    if (value === undefined) continue;
    out += `${out === '' ? '' : '&'}${uriEncodeV4(name)}=${uriEncodeV4(String(value))}`;
  }
  return out;
}
