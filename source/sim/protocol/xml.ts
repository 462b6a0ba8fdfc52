import { XMLBuilder } from 'fast-xml-parser';

/**
 * XML bodies for the query protocols. Handlers return plain objects; lists are wrapped
 * in the element the service uses for list members (`item` for EC2, `member` for ELB).
 */
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: false, processEntities: true });

function wrapLists(value: unknown, listElement: string): unknown {
  if (Array.isArray(value)) return { [listElement]: value.map((v) => wrapLists(v, listElement)) };
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner === undefined || inner === null) continue;
      out[key] = wrapLists(inner, listElement);
    }
    return out;
  }
  return value;
}

export function xmlDocument(rootName: string, attributes: Record<string, string>, body: Record<string, unknown>, listElement: string): string {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(attributes)) root[`@_${name}`] = value;
  Object.assign(root, wrapLists(body, listElement) as object);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [rootName]: root })}`;
}
