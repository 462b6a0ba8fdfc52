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

/** The words of a complete line; an unterminated quote or a command substitution is an error. */
export function tokenize(line: string): Token[] {
  const { tokens, open } = tokenizePartial(line);
  if (open === '\\') throw new CommandError('the line ends with a backslash; escape it as \\\\ or quote it');
  if (open) throw new CommandError(`unterminated ${open === '"' ? 'double' : 'single'} quote; close it with ${open}`);
  const substitution = commandSubstitution(line);
  if (substitution) throw new CommandError(substitutionMessage(substitution));
  return tokens;
}

interface Substitution {
  form: '$(...)' | '`...`';
  /** The command inside, when it is closed. */
  inner?: string;
}

/**
 * A command substitution a POSIX shell would run: `$(` outside single quotes, or a backtick that
 * opens a word (outside quotes, or right inside double quotes). A backtick inside a word is left
 * alone: that is a JMESPath literal (`--query "services[?runningCount==`0`]"`).
 */
function commandSubstitution(line: string): Substitution | undefined {
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'" && quote === undefined) quote = "'";
    else if (c === '"') quote = quote === '"' ? undefined : '"';
    else if (c === '$' && line[i + 1] === '(') return { form: '$(...)', inner: enclosed(line, i + 2, ')') };
    else if (c === '`' && opensWord(line, i, quote)) return { form: '`...`', inner: enclosed(line, i + 1, '`') };
  }
  return undefined;
}

/** Whether the character at `at` starts a word, or the value of an `--option=`. */
function opensWord(line: string, at: number, quote: '"' | undefined): boolean {
  const before = line[at - 1];
  if (before === undefined || WHITESPACE.test(before) || (quote === '"' && before === '"')) return true;
  return /(?:^|\s)--[\w-]+=$/.test(line.slice(0, at));
}

/** The text from `start` to the matching `close` (parentheses nest), or undefined when it is not closed. */
function enclosed(line: string, start: number, close: ')' | '`'): string | undefined {
  let depth = 0;
  for (let i = start; i < line.length; i++) {
    if (close === ')' && line[i] === '(') depth++;
    else if (line[i] === close) {
      if (depth === 0) return line.slice(start, i).trim() || undefined;
      depth--;
    }
  }
  return undefined;
}

function substitutionMessage({ form, inner }: Substitution): string {
  const first = inner ? `run the inner command on its own line first (${inner}), with --query and --output text if it should print just the value, then paste that value here` : 'run the inner command on its own line first (with --query and --output text to print just the value), then paste that value here';
  return `command substitution ${form} is not supported in ecsh: ${first}; or start the line with ! to hand it to the system shell`;
}
