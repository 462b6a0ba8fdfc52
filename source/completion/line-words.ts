// Splits a partly typed line into words the way the command language will read it (spaces
// separate words; single quotes are literal; double quotes and backslashes escape), keeping
// where each word sits in the line so that a completion can replace exactly the word typed.

export interface LineWord {
  /** The word as the command will see it: quotes removed, escapes resolved. */
  text: string;
  /** Where the word starts and ends in the line (end is exclusive). */
  start: number;
  end: number;
  /** The line index of each character of `text`. */
  offsets: number[];
  /** The quote the word opens with, if it starts with one. */
  quote?: '"' | "'";
  /** The quote still open where the word stops (at the cursor, for the current word). */
  open?: '"' | "'";
}

export interface SplitLine {
  /** Complete words before the one at the cursor. */
  before: LineWord[];
  /** The word at the cursor (empty, at the cursor, after a space); its text stops at the cursor. */
  current: LineWord;
}

/** The words before the cursor, and the word the cursor is in (whose `end` may lie past the cursor). */
export function splitLine(line: string, cursor: number): SplitLine {
  const at = Math.max(0, Math.min(cursor, line.length));
  const words = readWords(line.slice(0, at));
  // A word that reaches the cursor is the one being typed; after a space, a new empty one is.
  const inWord = words.length > 0 && words[words.length - 1]!.end === at;
  const current: LineWord = inWord ? words.pop()! : { text: '', start: at, end: at, offsets: [] };
  current.end = wordEnd(line, at, current);
  return { before: words, current };
}

function readWords(text: string): LineWord[] {
  const words: LineWord[] = [];
  let word: LineWord | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!quote && isSpace(c)) {
      if (word) words.push(finish(word, i, undefined));
      word = undefined;
      continue;
    }
    word ??= { text: '', start: i, end: i, offsets: [] };
    if (quote) {
      if (c === quote) quote = undefined;
      else if (quote === '"' && c === '\\' && i + 1 < text.length && (text[i + 1] === '"' || text[i + 1] === '\\')) add(word, text[++i]!, i);
      else add(word, c, i);
    } else if (c === '"' || c === "'") {
      if (word.text === '' && i === word.start) word.quote = c;
      quote = c;
    } else if (c === '\\' && i + 1 < text.length) {
      add(word, text[++i]!, i);
    } else {
      add(word, c, i);
    }
  }
  if (word) words.push(finish(word, text.length, quote));
  return words;
}

function add(word: LineWord, c: string, index: number): void {
  word.text += c;
  word.offsets.push(index);
}

function finish(word: LineWord, end: number, open: '"' | "'" | undefined): LineWord {
  word.end = end;
  if (open) word.open = open;
  return word;
}

/** Where the word at the cursor ends: the rest of the word after the cursor belongs to it too. */
function wordEnd(line: string, at: number, current: LineWord): number {
  let quote = current.open;
  let i = at;
  for (; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (isSpace(c)) {
      break;
    } else if (c === '"' || c === "'") {
      quote = c;
    }
  }
  return i;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n';
}
