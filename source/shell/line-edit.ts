/**
 * The prompt's line and the edits readline's emacs mode makes to it. Pure, so that the
 * keys' meaning is tested apart from the screen. Word motions (alt-b/f) stop at letters and
 * digits, as readline's do; ctrl-w kills back to whitespace (unix-word-rubout), so that it
 * takes a whole `--cluster-name` at once.
 */
export interface LineState {
  text: string;
  /** Index into `text`, 0..text.length. */
  cursor: number;
}

export interface KillResult {
  line: LineState;
  /** The text removed, for ctrl-y. */
  killed: string;
}

export const EMPTY_LINE: LineState = { text: '', cursor: 0 };

export function lineOf(text: string, cursor = text.length): LineState {
  return { text, cursor: Math.max(0, Math.min(cursor, text.length)) };
}

export function insertText(line: LineState, text: string): LineState {
  return { text: line.text.slice(0, line.cursor) + text + line.text.slice(line.cursor), cursor: line.cursor + text.length };
}

export function deleteBackward(line: LineState): LineState {
  if (line.cursor === 0) return line;
  return { text: line.text.slice(0, line.cursor - 1) + line.text.slice(line.cursor), cursor: line.cursor - 1 };
}

export function deleteForward(line: LineState): LineState {
  if (line.cursor >= line.text.length) return line;
  return { text: line.text.slice(0, line.cursor) + line.text.slice(line.cursor + 1), cursor: line.cursor };
}

export function moveTo(line: LineState, cursor: number): LineState {
  return lineOf(line.text, cursor);
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Where alt-b goes: the start of this word, or of the previous one. */
export function wordStartBefore(text: string, from: number): number {
  let i = from;
  while (i > 0 && !isWordChar(text[i - 1])) i--;
  while (i > 0 && isWordChar(text[i - 1])) i--;
  return i;
}

/** Where alt-f goes: the end of this word, or of the next one. */
export function wordEndAfter(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isWordChar(text[i])) i++;
  while (i < text.length && isWordChar(text[i])) i++;
  return i;
}

export function killToEnd(line: LineState): KillResult {
  return { line: { text: line.text.slice(0, line.cursor), cursor: line.cursor }, killed: line.text.slice(line.cursor) };
}

export function killToStart(line: LineState): KillResult {
  return { line: { text: line.text.slice(line.cursor), cursor: 0 }, killed: line.text.slice(0, line.cursor) };
}

/** ctrl-w: back over spaces, then back to the previous space. */
export function killWordBackward(line: LineState): KillResult {
  let start = line.cursor;
  while (start > 0 && /\s/.test(line.text[start - 1]!)) start--;
  while (start > 0 && !/\s/.test(line.text[start - 1]!)) start--;
  return {
    line: { text: line.text.slice(0, start) + line.text.slice(line.cursor), cursor: start },
    killed: line.text.slice(start, line.cursor),
  };
}

/** alt-d: to the end of the next word. */
export function killWordForward(line: LineState): KillResult {
  const end = wordEndAfter(line.text, line.cursor);
  return { line: { text: line.text.slice(0, line.cursor) + line.text.slice(end), cursor: line.cursor }, killed: line.text.slice(line.cursor, end) };
}
