import type { LineState } from './line-edit.js';
import type { SessionState } from './session.js';
import type { ThemeRole } from './theme.js';

/** The prompt as typed lines are echoed in the log: `sandbox [demo]> `. */
export function promptText(state: Pick<SessionState, 'label' | 'cluster'>): string {
  return `${state.label}${state.cluster ? ` [${state.cluster}]` : ''}> `;
}

/** A run of the prompt row's text in one style. */
export interface PromptSegment {
  text: string;
  role?: ThemeRole;
  /** Dimmed: the prompt of a shell busy running a line. */
  dim?: boolean;
  /** The cursor (drawn inverse). */
  cursor?: boolean;
}

/** What the prompt shows: the text before the line (the prompt itself, or ctrl-r's query), and the line. */
export interface PromptContent {
  head: readonly PromptSegment[];
  line: LineState;
  /** ctrl-r: this many characters from the cursor are the match. */
  highlight?: number;
  /** Draw the cursor (not while the keys are elsewhere, in a pane). */
  cursor: boolean;
}

/** `sandbox [demo]> `, styled; dimmed while a line runs. */
export function promptHead(label: string, cluster: string | undefined, busy: boolean): PromptSegment[] {
  const dim = busy ? { dim: true } : {};
  return [
    { text: label, role: 'prompt', ...dim },
    ...(cluster ? [{ text: ' [' }, { text: cluster, role: 'cluster' as const }, { text: ']' }] : []),
    { text: '> ', role: 'prompt', ...dim },
  ];
}

/** ctrl-r's head: `(reverse-i-search)'que': `, or `(failed reverse-i-search)…` when nothing matches. */
export function searchHead(query: string, found: boolean): PromptSegment[] {
  return [{ text: `(${found || query === '' ? '' : 'failed '}reverse-i-search)'${query}': `, role: 'info' }];
}

interface Cell {
  char: string;
  style: Omit<PromptSegment, 'text'>;
}

/**
 * The prompt in rows of at most `width` columns. A line longer than a row wraps, at a space
 * where there is one, so that a long command stays readable whole (an audience reads it as it
 * is typed); past `maxRows` rows the rows around the cursor are shown.
 */
export function promptRows(content: PromptContent, width: number, maxRows: number): PromptSegment[][] {
  const { head, line, highlight = 0 } = content;
  const cells: Cell[] = head.flatMap((segment) => [...segment.text].map((char) => ({ char, style: styleOf(segment) })));
  const start = cells.length;
  // One more cell than the text: the cursor at the end of the line sits on it.
  [...`${line.text} `].forEach((char, i) => {
    const match = highlight > 0 && i >= line.cursor && i < line.cursor + highlight;
    const style: Cell['style'] = { ...(match ? { role: 'match' as const } : {}), ...(i === line.cursor && content.cursor ? { cursor: true } : {}) };
    cells.push({ char, style });
  });
  const rows = wrapCells(cells, Math.max(1, width));
  const cursorAt = start + line.cursor;
  const cursorRow = rows.findIndex((row) => cursorAt >= row.from && cursorAt < row.to);
  const first = Math.min(Math.max(0, cursorRow - Math.max(1, maxRows) + 1), Math.max(0, rows.length - Math.max(1, maxRows)));
  return rows.slice(first, first + Math.max(1, maxRows)).map((row) => segmentsOf(cells.slice(row.from, row.to)));
}

/** Rows as [from, to) ranges: each breaks after the last space that fits, or at the width in a word longer than a row. */
function wrapCells(cells: readonly Cell[], width: number): { from: number; to: number }[] {
  const rows: { from: number; to: number }[] = [];
  let from = 0;
  while (cells.length - from > width) {
    let to = from + width;
    for (let i = from + width - 1; i > from; i--) {
      if (cells[i]!.char === ' ') {
        to = i + 1;
        break;
      }
    }
    rows.push({ from, to });
    from = to;
  }
  rows.push({ from, to: cells.length });
  return rows;
}

function styleOf(segment: PromptSegment): Cell['style'] {
  const { text: _text, ...style } = segment;
  return style;
}

function segmentsOf(cells: readonly Cell[]): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const cell of cells) {
    const last = segments.at(-1);
    if (last && sameStyle(last, cell.style)) last.text += cell.char;
    else segments.push({ text: cell.char, ...cell.style });
  }
  return segments;
}

function sameStyle(a: Omit<PromptSegment, 'text'>, b: Omit<PromptSegment, 'text'>): boolean {
  return a.role === b.role && a.dim === b.dim && a.cursor === b.cursor;
}
