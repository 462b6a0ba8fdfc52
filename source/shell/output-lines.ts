import type { OutputFormat } from './shell-context.js';
import { redactSecrets } from './redact-secrets.js';
import type { ThemeRole } from './theme.js';

/** One thing in the output log: a command as it was run, its output, an error or a notice. */
export interface LogEntry {
  id: number;
  kind: 'command' | 'output' | 'error' | 'info' | 'narration';
  text: string;
  /** For output: how to colour it. */
  format?: OutputFormat;
  /** For a command: the prompt it was typed at. */
  prompt?: string;
  /** For narration (a demo's or a lesson's words): which kind, each styled apart. */
  tone?: 'say' | 'hint' | 'answer' | 'success' | 'note';
}

const NARRATION_ROLES: Record<NonNullable<LogEntry['tone']>, ThemeRole> = { say: 'narration', hint: 'hint', answer: 'command', success: 'success', note: 'info' };

/** A run of text in one style. */
export interface Segment {
  text: string;
  role?: ThemeRole;
}

/** One row of the terminal. */
export type VisualLine = Segment[];

// Colours, cursor moves and the like from a system command's output would tear the screen.
const ANSI_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)|[@-Z\\-_])/g;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/** Text safe to draw: no escape sequences or control characters, tabs expanded. */
export function sanitize(text: string): string {
  return text
    .replace(ANSI_SEQUENCE, '')
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => expandTabs(line.replace(CONTROL, '')))
    .join('\n');
}

function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const char of line) out += char === '\t' ? ' '.repeat(8 - (out.length % 8)) : char;
  return out;
}

const JSON_TOKEN = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|\b(true|false|null)\b|([{}[\],])/g;

/** A line of pretty-printed JSON, coloured by token: keys, strings, numbers, literals. */
export function jsonSegments(line: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of line.matchAll(JSON_TOKEN)) {
    if (match.index > last) segments.push({ text: line.slice(last, match.index) });
    const [whole, string, colon, number, literal] = match;
    if (string !== undefined) {
      segments.push({ text: string, role: colon ? 'jsonKey' : 'jsonString' });
      if (colon) segments.push({ text: colon, role: 'punctuation' });
    } else if (number !== undefined) segments.push({ text: number, role: 'jsonNumber' });
    else if (literal !== undefined) segments.push({ text: literal, role: 'jsonLiteral' });
    else segments.push({ text: whole, role: 'punctuation' });
    last = match.index + whole.length;
  }
  if (last < line.length) segments.push({ text: line.slice(last) });
  return segments;
}

/** A line of the AWS CLI's table output: borders dimmed, cells as they are. */
export function tableSegments(line: string): Segment[] {
  if (/^[|+\-\s]+$/.test(line)) return [{ text: line, role: 'tableBorder' }];
  return line.split(/(\|+)/).filter((part) => part !== '').map((part) => (part.startsWith('|') ? { text: part, role: 'tableBorder' } : { text: part }));
}

function styledLines(entry: Omit<LogEntry, 'id'>): Segment[][] {
  const text = sanitize(entry.text).replace(/\n$/, '');
  const lines = text.split('\n');
  switch (entry.kind) {
    case 'command':
      // A line typed with a credential on it is echoed masked, as the history keeps it.
      return lines.map((line, i) => {
        const shown = { text: redactSecrets(line), role: 'command' as const };
        return i === 0 && entry.prompt ? [{ text: entry.prompt, role: 'prompt' }, shown] : [shown];
      });
    case 'error':
      return lines.map((line) => [{ text: line, role: 'error' }]);
    case 'info':
      return lines.map((line) => [{ text: line, role: 'info' }]);
    case 'narration':
      return lines.map((line) => [{ text: line, role: NARRATION_ROLES[entry.tone ?? 'say'] }]);
    case 'output':
      if (entry.format === 'json') return lines.map(jsonSegments);
      if (entry.format === 'table') return lines.map(tableSegments);
      if (entry.format === 'info') return lines.map((line) => [{ text: line, role: 'info' }]);
      return lines.map((line) => [{ text: line }]);
  }
}

/** Cuts a styled line into rows of at most `width` characters. */
export function wrapSegments(segments: readonly Segment[], width: number): VisualLine[] {
  const rows: VisualLine[] = [];
  let row: VisualLine = [];
  let used = 0;
  for (const segment of segments) {
    let rest = [...segment.text];
    while (rest.length > 0) {
      if (used === width) {
        rows.push(row);
        row = [];
        used = 0;
      }
      const take = rest.slice(0, width - used);
      row.push({ text: take.join(''), ...(segment.role ? { role: segment.role } : {}) });
      used += take.length;
      rest = rest.slice(take.length);
    }
  }
  rows.push(row);
  return rows;
}

const wrapped = new WeakMap<LogEntry, { width: number; lines: VisualLine[] }>();

/** The rows an entry takes at this width (computed once per entry and width). */
export function entryLines(entry: LogEntry, width: number): VisualLine[] {
  const cached = wrapped.get(entry);
  if (cached && cached.width === width) return cached.lines;
  const lines = styledLines(entry).flatMap((segments) => wrapSegments(segments, Math.max(1, width)));
  wrapped.set(entry, { width, lines });
  return lines;
}

/**
 * An entry as plain text lines, unwrapped (the terminal wraps them): what the log showed, for
 * the terminal's own scrollback when the shell leaves. Credentials are masked wherever they are.
 */
export function plainLines(entry: Omit<LogEntry, 'id'>): string[] {
  return styledLines(entry).map((segments) => redactSecrets(segments.map((segment) => segment.text).join('')));
}

/** Which rows of the log show in `space` rows, scrolled `scroll` rows up from the newest. */
export interface LogWindow {
  start: number;
  end: number;
  /** Rows below the window, which its last row names ("── 12 more lines below ──"). */
  below: number;
  /** The furthest scroll: the window then starts at the log's very first row. */
  maxScroll: number;
  /** There is more than fits. */
  scrollable: boolean;
}

export function logWindow(total: number, space: number, scroll: number): LogWindow {
  const scrollable = space > 0 && total > space;
  // Scrolled up, the last row says what is below: the window is a row shorter then (when it has two).
  const marker = space > 1 ? 1 : 0;
  const maxScroll = scrollable ? total - (space - marker) : 0;
  const offset = Math.min(scroll, maxScroll);
  const end = total - offset;
  const start = Math.max(0, end - (space - (offset > 0 ? marker : 0)));
  return { start, end, below: marker > 0 ? offset : 0, maxScroll, scrollable };
}
