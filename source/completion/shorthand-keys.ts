// Completion inside the AWS CLI's shorthand for structures: `--placement-strategy type=spread,field=...`
// offers the structure's member names (`type=`), then the enum values of the member being set.
// Nested shorthand (braces, brackets) is read by nested-shorthand.ts; JSON values are left to the user.
import type { Shape } from '../commands/index.js';
import { nestedShorthandPoint } from './nested-shorthand.js';

export interface ShorthandPoint {
  /** The members of the structure being written. */
  members: Record<string, Shape>;
  /** Members already set in this item. */
  given: Set<string>;
  /** The plain values set in this item so far, by member (`name=containerInsights`). */
  siblings: Map<string, string>;
  /** The member whose value is typed; undefined while a member name is typed. */
  key?: string;
  /** Where the typed part starts in the value's text. */
  from: number;
  query: string;
  /** Inside braces or brackets: what is accepted there must not end the word. */
  nested?: boolean;
  /** The items already in the list whose next item is typed (`subnets=[a,b,`). */
  typed?: string[];
}

/** Where the cursor is in a shorthand value of a structure (or list of structures) parameter. */
export function shorthandPoint(shape: Shape | undefined, text: string): ShorthandPoint | undefined {
  const structure = shape?.type === 'list' ? shape.member : shape;
  const members = structure?.type === 'structure' ? structure.members : undefined;
  if (!members || text.startsWith('file://')) return undefined;
  if (/[[\]{}]/.test(text)) return nestedShorthandPoint(members, text);
  const from = text.lastIndexOf(',') + 1;
  const pairs = [...text.slice(0, from).matchAll(/(?:^|,)([^=,]+)=([^,]*)/g)];
  const given = new Set(pairs.map((m) => m[1]!));
  const siblings = new Map(pairs.map((m) => [m[1]!, m[2]!]));
  const segment = text.slice(from);
  const equals = segment.indexOf('=');
  if (equals < 0) return { members, given, siblings, from, query: segment };
  return { members, given, siblings, key: segment.slice(0, equals), from: from + equals + 1, query: segment.slice(equals + 1) };
}
