import { Ec2Error, missingParameter } from './errors.js';
import type { QueryParams } from './params.js';

/** One `Filter.N` of a Describe request. */
export interface Ec2Filter {
  /** Filter name, e.g. `instance-state-name` or `tag:Name`. */
  name: string;
  /** Accepted values (`*` and `?` wildcards; `\` escapes). */
  values: string[];
}

/** Values a resource exposes to a filter name (`undefined` entries are ignored). */
export type FilterField<T> = (item: T) => string | undefined | readonly (string | undefined)[];

/** Reads `Filter.N.Name` / `Filter.N.Value.M`. */
export function parseFilters(params: QueryParams): Ec2Filter[] {
  return params.structs('Filter').map((f) => {
    const name = f.get('Name');
    if (name === undefined || name === '') throw missingParameter('Filter.Name');
    const values = f.list('Value');
    if (values.length === 0) throw new Ec2Error('InvalidParameterValue', `The filter '${name}' requires at least one value`);
    return { name, values };
  });
}

function wildcardRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) source += (pattern[++i] as string).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

/** Builds a matcher for one filter value: exact unless it has wildcards. */
function valueMatcher(value: string): (candidate: string) => boolean {
  if (!/[*?\\]/.test(value)) return (candidate) => candidate === value;
  const re = wildcardRegExp(value);
  return (candidate) => re.test(candidate);
}

/**
 * Compiles filters into one predicate: all filters must match (AND), any value of a filter (OR).
 * `fields` maps filter names to resource values; `tag:<key>`, `tag-key` and `tag-value` come from `tagsOf`.
 * An unknown filter name is `InvalidParameterValue`, as on AWS.
 */
export function compileFilters<T>(
  filters: readonly Ec2Filter[],
  fields: Readonly<Record<string, FilterField<T>>>,
  tagsOf?: (item: T) => ReadonlyMap<string, string>,
): (item: T) => boolean {
  if (filters.length === 0) return () => true;
  const tests = filters.map((filter): ((item: T) => boolean) => {
    const matchers = filter.values.map(valueMatcher);
    const any = (candidates: readonly (string | undefined)[]): boolean =>
      candidates.some((c) => c !== undefined && matchers.some((m) => m(c)));
    if (tagsOf && filter.name.startsWith('tag:')) {
      const key = filter.name.slice(4);
      return (item) => {
        const value = tagsOf(item).get(key);
        return value !== undefined && any([value]);
      };
    }
    if (tagsOf && filter.name === 'tag-key') return (item) => any([...tagsOf(item).keys()]);
    if (tagsOf && filter.name === 'tag-value') return (item) => any([...tagsOf(item).values()]);
    const field = Object.prototype.hasOwnProperty.call(fields, filter.name) ? fields[filter.name] : undefined;
    if (!field) throw new Ec2Error('InvalidParameterValue', `The filter '${filter.name}' is invalid`);
    return (item) => {
      const v = field(item);
      return any(typeof v === 'string' || v === undefined ? [v] : v);
    };
  });
  return (item) => tests.every((t) => t(item));
}
