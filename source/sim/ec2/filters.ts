import type { Tag } from '../model.js';
import { invalidValue, structList, stringList, type QueryObject } from './params.js';

/**
 * EC2's Describe filters: `Filter.N.Name` with `Filter.N.Value.M`. A record passes when,
 * for every filter, one of its values matches one of the filter's values (`*` any run
 * of characters, `?` any one, `\` escapes). Besides its named fields, every taggable
 * resource takes `tag:KEY`, `tag-key` and `tag-value`.
 */

export interface Filter {
  name: string;
  values: string[];
}

type Scalar = string | number | boolean | undefined | null;
/** How a filter reads a record: one value or several (a group's rules, an instance's groups). */
export type FilterFields<T> = Record<string, (record: T) => Scalar | Scalar[]>;

export function parseFilters(params: QueryObject): Filter[] {
  return structList(params, 'Filter').map((filter) => {
    const name = filter.Name;
    if (typeof name !== 'string' || name === '') throw invalidValue('A filter must have a Name.');
    const values = stringList(filter, 'Value');
    if (values.length === 0) throw invalidValue(`The filter '${name}' must have at least one value.`);
    return { name, values };
  });
}

export function applyFilters<T extends object>(records: T[], filters: Filter[], fields: FilterFields<T>): T[] {
  if (filters.length === 0) return records;
  const tests = filters.map((filter) => compile(filter, fields));
  return records.filter((record) => tests.every((test) => test(record)));
}

/** Parses and applies in one step: what most Describe operations do. */
export function filterRecords<T extends object>(records: T[], params: QueryObject, fields: FilterFields<T>): T[] {
  return applyFilters(records, parseFilters(params), fields);
}

/** The tags of a record that has them; records of untaggable things have none. */
function tagsOf(record: object): Tag[] {
  const tags = (record as { tags?: unknown }).tags;
  return Array.isArray(tags) ? (tags as Tag[]) : [];
}

function compile<T extends object>(filter: Filter, fields: FilterFields<T>): (record: T) => boolean {
  const patterns = filter.values.map(wildcard);
  const matchesAny = (value: Scalar) => value !== undefined && value !== null && patterns.some((p) => p.test(String(value)));
  if (filter.name.startsWith('tag:')) {
    const key = filter.name.slice(4);
    return (record) => tagsOf(record).some((tag) => tag.key === key && matchesAny(tag.value));
  }
  if (filter.name === 'tag-key') return (record) => tagsOf(record).some((tag) => matchesAny(tag.key));
  if (filter.name === 'tag-value') return (record) => tagsOf(record).some((tag) => matchesAny(tag.value));
  const field = fields[filter.name];
  if (!field) throw invalidValue(`The filter '${filter.name}' is invalid`);
  return (record) => {
    const value = field(record);
    return Array.isArray(value) ? value.some(matchesAny) : matchesAny(value);
  };
}

/** An EC2 filter value as a regular expression: whole-value, case-sensitive. */
export function wildcard(value: string): RegExp {
  let source = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) source += escapeRegExp(value[++i]!);
    else if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
