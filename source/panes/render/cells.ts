/** A run of text in one style: what a render makes, what `LineView` draws. */
export interface Cell {
  text: string;
  /** An Ink colour name. */
  color?: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

export type Line = readonly Cell[];

export function cell(text: string, color?: string, style: { bold?: boolean; dim?: boolean; inverse?: boolean } = {}): Cell {
  return { text, color, ...style };
}

export function lineText(line: Line): string {
  return line.map((c) => c.text).join('');
}

/** `cells` cut or padded to exactly `width` columns; a cut ends in `…` so it shows. */
export function fitCells(cells: Line, width: number): Cell[] {
  const out: Cell[] = [];
  let used = 0;
  const total = cells.reduce((n, c) => n + c.text.length, 0);
  const cut = total > width;
  const room = cut ? width - 1 : width;
  for (const c of cells) {
    if (used >= room) break;
    const text = c.text.slice(0, room - used);
    if (text) out.push({ ...c, text });
    used += text.length;
  }
  if (cut && width > 0) out.push({ text: '…', dim: true });
  else if (used < width) out.push({ text: ' '.repeat(width - used) });
  return out;
}

/** A line no wider than `width` (no padding). */
export function clipLine(line: Line, width: number): Line {
  const total = line.reduce((n, c) => n + c.text.length, 0);
  return total <= width ? line : fitCells(line, width);
}

export function fit(text: string, width: number): string {
  return lineText(fitCells([{ text }], width));
}

const sameStyle = (a: Cell, b: Cell) => a.color === b.color && !!a.bold === !!b.bold && !!a.dim === !!b.dim && !!a.inverse === !!b.inverse;

/** Neighbouring cells of one style as one: fewer Text nodes for Ink to style and measure each frame. */
export function mergeCells(line: Line): Cell[] {
  const out: Cell[] = [];
  for (const c of line) {
    const last = out[out.length - 1];
    if (last && sameStyle(last, c)) out[out.length - 1] = { ...last, text: last.text + c.text };
    else if (c.text) out.push(c);
  }
  return out;
}
