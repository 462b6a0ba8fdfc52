import { CommandError } from './errors.js';

/** One word of a command line, with where it was typed (for the completer). */
export interface Token {
  /** The word after quotes and escapes are removed. */
  value: string;
  /** Offsets of the word as typed in the line: line.slice(start, end). */
  start: number;
  end: number;
  /** Whether it began with a quote or an escape ('--x'), which makes it a value even if it reads like an option. */
  quoted: boolean;
}

export interface PartialTokens {
  tokens: Token[];
  /** Set when the line ends inside a quote or right after a backslash: the last token is open. */
  open?: '"' | "'" | '\\';
}

const WHITESPACE = /\s/;
/** Inside double quotes a backslash escapes only these, as in a POSIX shell. */
const DOUBLE_QUOTE_ESCAPES = new Set(['\\', '"', '$', '`', '\n']);

/**
 * Splits a line into words the way a POSIX shell does, so that a line pasted from a terminal
 * session means the same here: whitespace separates, '...' is literal, "..." allows \" and \\,
 * a backslash outside quotes escapes the next character, and # at the start of a word begins
 * a comment. There is no variable or glob expansion.
 */
export function tokenizePartial(line: string): PartialTokens {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && WHITESPACE.test(line[i]!)) i++;
    if (i >= line.length || line[i] === '#') break;
    const start = i;
    let value = '';
    const quoted = line[i] === "'" || line[i] === '"' || line[i] === '\\';
    while (i < line.length && !WHITESPACE.test(line[i]!)) {
      const c = line[i]!;
      if (c === "'") {
        const close = line.indexOf("'", i + 1);
        if (close < 0) {
          tokens.push({ value: value + line.slice(i + 1), start, end: line.length, quoted });
          return { tokens, open: "'" };
        }
        value += line.slice(i + 1, close);
        i = close + 1;
      } else if (c === '"') {
        i++;
        let closed = false;
        while (i < line.length) {
          const d = line[i]!;
          if (d === '"') {
            closed = true;
            i++;
            break;
          }
          if (d === '\\' && i + 1 < line.length && DOUBLE_QUOTE_ESCAPES.has(line[i + 1]!)) {
            value += line[i + 1] === '\n' ? '' : line[i + 1];
            i += 2;
          } else {
            value += d;
            i++;
          }
        }
        if (!closed) {
          tokens.push({ value, start, end: line.length, quoted });
          return { tokens, open: '"' };
        }
      } else if (c === '\\') {
        if (i + 1 >= line.length) {
          tokens.push({ value, start, end: line.length, quoted });
          return { tokens, open: '\\' };
        }
        // A backslash-newline joins lines, as in a shell script.
        if (line[i + 1] !== '\n') value += line[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    tokens.push({ value, start, end: i, quoted });
  }
  return { tokens };
}

/** The words of a complete line; an unterminated quote is an error. */
export function tokenize(line: string): Token[] {
  const { tokens, open } = tokenizePartial(line);
  if (open === '\\') throw new CommandError('the line ends with a backslash; escape it as \\\\ or quote it');
  if (open) throw new CommandError(`unterminated ${open === '"' ? 'double' : 'single'} quote; close it with ${open}`);
  return tokens;
}
