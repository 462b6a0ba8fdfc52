// Where the cursor is in shorthand with braces and brackets, as awsvpc networking is written:
// `awsvpcConfiguration={subnets=[subnet-1,sub` is typing an item of `subnets`, inside the
// `awsvpcConfiguration` structure. The scan follows the AWS CLI's grammar (commands/shorthand.ts)
// only as far as completion needs: which structure is open, which member is being set, and
// what has been typed of its value.
import type { Shape } from '../commands/index.js';
import type { ShorthandPoint } from './shorthand-keys.js';

interface StructureFrame {
  kind: 'structure';
  members: Record<string, Shape>;
  given: Set<string>;
  /** The plain values set so far, by member. */
  values: Map<string, string>;
  /** The member whose value is being read. */
  key?: string;
}

interface ListFrame {
  kind: 'list';
  element?: Shape;
  /** Items already complete. */
  items: string[];
}

type Frame = StructureFrame | ListFrame;

/** Reading a member name, a plain value, or past a closed `}` / `]` (a `,` or a closing bracket must follow). */
type Phase = 'key' | 'value' | 'after';

/** The point in `text`, the shorthand of a structure with `members`; undefined where nothing can be offered. */
export function nestedShorthandPoint(members: Record<string, Shape>, text: string): ShorthandPoint | undefined {
  const stack: Frame[] = [{ kind: 'structure', members, given: new Set(), values: new Map() }];
  let phase: Phase = 'key';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (phase === 'key') {
      if (c === '=' && top.kind === 'structure') {
        top.key = text.slice(start, i).trim();
        top.given.add(top.key);
        phase = 'value';
        start = i + 1;
      } else if (c === '}' && closesStructure(stack) && text.slice(start, i).trim() === '') {
        stack.pop();
        phase = 'after';
      } else if (/[,[\]{}]/.test(c)) {
        return undefined;
      }
      continue;
    }
    if (phase === 'value' && (c === '"' || c === "'") && text.slice(start, i).trim() === '') {
      const close = text.indexOf(c, i + 1);
      // The cursor is inside a quoted value: nothing to offer there.
      if (close < 0) return undefined;
      i = close;
      continue;
    }
    if (phase === 'value' && (c === '{' || c === '[') && text.slice(start, i).trim() === '') {
      const shape = top.kind === 'structure' ? (top.key === undefined ? undefined : top.members[top.key]) : top.element;
      stack.push(c === '{' ? { kind: 'structure', members: shape?.members ?? {}, given: new Set(), values: new Map() } : { kind: 'list', element: shape?.member, items: [] });
      phase = c === '{' ? 'key' : 'value';
      start = i + 1;
      continue;
    }
    if (phase === 'value' && top.kind === 'structure' && top.key !== undefined && (c === ',' || c === '}')) {
      top.values.set(top.key, unquoted(text.slice(start, i).trim()));
    }
    if (c === ',') {
      if (phase === 'value' && top.kind === 'list') top.items.push(text.slice(start, i).trim());
      phase = top.kind === 'list' ? 'value' : 'key';
      start = i + 1;
    } else if (c === ']' && top.kind === 'list') {
      if (phase === 'value' && text.slice(start, i).trim() !== '') top.items.push(text.slice(start, i).trim());
      stack.pop();
      phase = 'after';
    } else if (c === '}' && closesStructure(stack)) {
      stack.pop();
      phase = 'after';
    } else if (phase === 'after' ? !/\s/.test(c) : /[\]}]/.test(c)) {
      return undefined;
    }
  }
  return pointAt(stack, phase, start, text);
}

/** `name=` with the bracket its value opens with: `{` for a structure or map; `[` for a list inside brackets. */
export function shorthandKeyText(name: string, shape: Shape, nested: boolean): string {
  if (shape.type === 'structure' || shape.type === 'map') return `${name}={`;
  if (shape.type === 'list' && nested) return `${name}=[`;
  return `${name}=`;
}

/** A `}` closes an inner structure; the outermost one has no braces. */
function closesStructure(stack: readonly Frame[]): boolean {
  return stack.length > 1 && stack[stack.length - 1]!.kind === 'structure';
}

function pointAt(stack: readonly Frame[], phase: Phase, start: number, text: string): ShorthandPoint | undefined {
  const top = stack[stack.length - 1]!;
  const nested = stack.length > 1;
  const query = text.slice(start);
  if (phase === 'after') return undefined;
  if (top.kind === 'structure') {
    const given = new Set(top.given);
    const siblings = new Map(top.values);
    if (phase === 'key') return { members: top.members, given, siblings, from: start, query, nested };
    return { members: top.members, given, siblings, key: top.key!, from: start, query, nested };
  }
  // An item of a list: it is a value of the member that holds the list.
  const owner = stack[stack.length - 2];
  if (owner?.kind !== 'structure' || owner.key === undefined) return undefined;
  return { members: owner.members, given: new Set(owner.given), siblings: new Map(owner.values), key: owner.key, from: start, query, nested, typed: [...top.items] };
}

function unquoted(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** How much of `rest` (the word after the cursor) still belongs to the name or value at the cursor. */
export function itemLength(rest: string): number {
  return /^[^,[\]{}=\s"']*/.exec(rest)![0].length;
}
