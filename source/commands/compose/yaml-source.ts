import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ComposeError } from './compose-error.js';

/** A parsed YAML file that can still say where each of its values was written. */
export interface YamlSource {
  path: string;
  /** The document as plain data (anchors and `<<` merges resolved). */
  value: unknown;
  /** `path:line:column` of the value at `keys`, or of the nearest enclosing value written in this file. */
  where(keys: ReadonlyArray<string | number>): string;
  /** `path:line:column` of the key (not the value) at `keys`: where an unknown key was written. */
  whereKey(keys: ReadonlyArray<string | number>): string;
  /** Whether the value at `keys` is written in this file (not only merged in from an anchor). */
  has(keys: ReadonlyArray<string | number>): boolean;
  /** A scalar exactly as typed: `version: 3.10` is "3.10" here, though YAML reads the number 3.1. */
  sourceText(keys: ReadonlyArray<string | number>): string | undefined;
}

/** Aliases that expand into more values than this are a "billion laughs" file, not a compose file. */
const MAX_ALIAS_COUNT = 1000;

/** Parses YAML; a syntax error becomes a ComposeError at its file:line:column. */
export function loadYaml(path: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `${path}:${line}:${col}`;
  };
  const error = doc.errors[0];
  if (error) throw new ComposeError(`${at(error.pos[0])}: ${firstLine(error.message)}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (failure) {
    throw new ComposeError(`${path}:1:1: ${firstLine((failure as Error).message)}`);
  }
  return {
    path,
    value,
    where: (keys) => at(nodeAt(doc, keys).offset),
    whereKey: (keys) => at(nodeAt(doc, keys).keyOffset ?? nodeAt(doc, keys).offset),
    has: (keys) => nodeAt(doc, keys).found,
    sourceText: (keys) => {
      const { node, found } = nodeAt(doc, keys);
      return found && isScalar(node) ? (node.source ?? String(node.value)) : undefined;
    },
  };
}

/** The node at `keys` and its offset, or the deepest ancestor found on the way. */
function nodeAt(doc: Document, keys: ReadonlyArray<string | number>): { node: unknown; offset: number; keyOffset?: number; found: boolean } {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  let lastKeyOffset: number | undefined;
  for (const key of keys) {
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(key));
      next = pair?.value;
      keyOffset = pair ? rangeStart(pair.key) : undefined;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    const start = rangeStart(next) ?? keyOffset;
    if (start === undefined) return { node, offset, found: false };
    node = next;
    offset = start;
    lastKeyOffset = keyOffset;
  }
  return { node, offset, keyOffset: lastKeyOffset, found: true };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
