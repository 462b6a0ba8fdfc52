/**
 * The AWS query protocol's request body (EC2, ELB, ELBv2): form fields whose names are
 * paths (`Filter.1.Name`, `Filter.1.Value.2`, `TagSpecification.1.Tag.1.Key`), turned into
 * a structure: numbered segments become lists (in index order), others nested objects.
 */
export type QueryValue = string | QueryObject | QueryValue[];
export interface QueryObject {
  [key: string]: QueryValue;
}

export function parseQuery(body: string): { action?: string; version?: string; params: QueryObject } {
  const form = new URLSearchParams(body);
  const root: Record<string, any> = {};
  let action: string | undefined;
  let version: string | undefined;
  for (const [name, value] of form) {
    if (name === 'Action') action = value;
    else if (name === 'Version') version = value;
    else setPath(root, name.split('.'), value);
  }
  return { action, version, params: finish(root) as QueryObject };
}

const INDEX = /^\d+$/;

function setPath(node: Record<string, any>, path: string[], value: string): void {
  let current = node;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    if (typeof current[key] !== 'object' || current[key] === null) current[key] = {};
    current = current[key];
  }
  current[path[path.length - 1]!] = value;
}

/** Objects whose keys are all numbers become lists, ordered by number. */
function finish(node: any): any {
  if (typeof node !== 'object' || node === null) return node;
  const keys = Object.keys(node);
  for (const key of keys) node[key] = finish(node[key]);
  if (keys.length > 0 && keys.every((k) => INDEX.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => node[k]);
  }
  // `member` and `item` wrap lists in some query APIs (ELB's `Listeners.member.1`).
  if (keys.length === 1 && (keys[0] === 'member' || keys[0] === 'item') && Array.isArray(node[keys[0]])) {
    return node[keys[0]];
  }
  return node;
}

/** A list parameter: `X.1`, `X.2` ... or a single `X`, always as a list of strings or objects. */
export function listParam<T = string>(params: QueryObject, name: string): T[] {
  const value = params[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as T[];
}
