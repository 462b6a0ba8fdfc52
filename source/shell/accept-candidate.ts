import type { Candidate } from '../completion/index.js';
import type { LineState } from './line-edit.js';

/**
 * The line with a completion put in place of the word it completes, and the cursor after
 * it. A space follows, ready for the next word, unless the candidate continues (`name=`) or
 * a space is already there.
 */
export function acceptCandidate(line: LineState, candidate: Pick<Candidate, 'insert' | 'noSpace'>, replace: { start: number; end: number }): LineState {
  const before = line.text.slice(0, replace.start);
  const after = line.text.slice(replace.end);
  const space = candidate.noSpace || after.startsWith(' ') ? '' : ' ';
  const text = `${before}${candidate.insert}${space}${after}`;
  const cursor = before.length + candidate.insert.length + (candidate.noSpace ? 0 : 1);
  return { text, cursor: Math.min(cursor, text.length) };
}
