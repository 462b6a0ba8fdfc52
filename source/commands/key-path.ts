/** A value at a paginator's result key: a member name or a dotted path to one (`a.b`). */
export function getPath(data: Record<string, unknown>, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Sets a value at a result key, making the structures on the way. */
export function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let current = data;
  for (const part of parts.slice(0, -1)) {
    if (typeof current[part] !== 'object' || current[part] === null) current[part] = {};
    current = current[part] as Record<string, unknown>;
  }
  current[parts[parts.length - 1]!] = value;
}
