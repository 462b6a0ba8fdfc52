import { isContainer, pythonStr } from './cli-data.js';

/**
 * `--output text` as the AWS CLI writes it: tab-separated scalars, one line per structure
 * (its scalar members in sorted key order), nested lists and structures on their own lines
 * prefixed with their key in upper case, so that `cut` and `awk` can take them apart.
 */
export function renderText(data: unknown): string {
  const out: string[] = [];
  formatText(data, out, undefined, undefined);
  return out.join('');
}

function formatText(item: unknown, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  if (Array.isArray(item)) formatList(item, out, identifier);
  else if (isContainer(item)) formatRecord(item as Record<string, unknown>, out, identifier, scalarKeys);
  else out.push(`${pythonStr(item)}\n`);
}

function formatList(items: unknown[], out: string[], identifier: string | undefined): void {
  if (items.length === 0) return;
  if (items.some((el) => isContainer(el) && !Array.isArray(el))) {
    const keys = allScalarKeys(items);
    for (const element of items) formatText(element, out, identifier, keys);
  } else if (items.some(Array.isArray)) {
    const scalars = items.filter((el) => !isContainer(el));
    if (scalars.length > 0) formatScalarList(scalars, out, identifier);
    for (const nested of items.filter(isContainer)) formatText(nested, out, identifier, undefined);
  } else {
    formatScalarList(items, out, identifier);
  }
}

function formatScalarList(items: unknown[], out: string[], identifier: string | undefined): void {
  if (identifier !== undefined) {
    for (const item of items) out.push(`${identifier.toUpperCase()}\t${pythonStr(item)}\n`);
  } else {
    out.push(`${items.map(pythonStr).join('\t')}\n`);
  }
}

function formatRecord(record: Record<string, unknown>, out: string[], identifier: string | undefined, scalarKeys: string[] | undefined): void {
  const scalars: string[] = [];
  const nested: [string, unknown][] = [];
  if (scalarKeys === undefined) {
    for (const key of Object.keys(record).sort()) {
      const value = record[key];
      if (isContainer(value)) nested.push([key, value]);
      else scalars.push(pythonStr(value));
    }
  } else {
    for (const key of scalarKeys) scalars.push(Object.hasOwn(record, key) ? pythonStr(record[key]) : '');
    const rest = Object.keys(record).filter((key) => !scalarKeys.includes(key)).sort();
    for (const key of rest) nested.push([key, record[key]]);
  }
  if (scalars.length > 0) {
    if (identifier !== undefined) scalars.unshift(identifier.toUpperCase());
    out.push(`${scalars.join('\t')}\n`);
  }
  for (const [key, value] of nested) formatText(value, out, key, undefined);
}

/** Every key with a scalar value in any of the records, sorted: the columns all their lines share. */
function allScalarKeys(items: unknown[]): string[] {
  const keys = new Set<string>();
  for (const item of items) {
    if (!isContainer(item) || Array.isArray(item)) continue;
    for (const [key, value] of Object.entries(item)) if (!isContainer(value)) keys.add(key);
  }
  return [...keys].sort();
}
