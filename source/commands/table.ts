import { isContainer, pythonStr } from './cli-data.js';

/**
 * `--output table` as the AWS CLI draws it: a title row with the operation's name, one
 * section per nested structure or list (indented with "|" on both sides), column headers
 * for the scalar members in sorted order, rows left-aligned with two spaces, "+---+"
 * rules, widths scaled to the widest section, and sections of a single row turned
 * vertical (header | value) when the table is wider than the terminal.
 */
export function renderTable(title: string, data: unknown, terminalWidth = 80): string {
  const table = new MultiTable();
  if (!buildTable(table, title, data, 0)) return '';
  return table.render(terminalWidth);
}

type Row = string[];

class Section {
  title = '';
  headers: Row = [];
  rows: Row[] = [];
  indentLevel = 0;
  private numCols: number | undefined;
  private maxWidths: number[] = [];

  addHeader(headers: Row): void {
    this.updateMaxWidths(headers);
    this.numCols ??= headers.length;
    this.headers = headers;
  }

  addRow(cells: unknown[]): void {
    const row = cells.map(pythonStr);
    this.numCols ??= row.length;
    this.rows.push(row);
    this.updateMaxWidths(row);
  }

  /** Each column's width with padding, scaled so that they add up to maxWidth when given. */
  columnWidths(padding = 0, maxWidth?: number): number[] {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const scale = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(scale * w));
    let offBy = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (offBy !== 0) {
      const order = scaled.map((_, i) => i);
      if (offBy < 0) order.reverse();
      for (const i of order) {
        if (offBy > 0) {
          scaled[i]!--;
          offBy--;
        } else {
          scaled[i]!++;
          offBy++;
        }
        if (offBy === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding: number, outerPadding: number): number {
    const border = 2;
    let total = this.columnWidths().reduce((sum, w) => sum + w + padding, 0) + border + 2 * outerPadding;
    total = Math.max(textWidth(this.title) + border + 2 * outerPadding, total);
    return total;
  }

  private updateMaxWidths(row: Row): void {
    if (this.maxWidths.length === 0) {
      this.maxWidths = row.map(textWidth);
      return;
    }
    row.forEach((cell, i) => {
      this.maxWidths[i] = Math.max(textWidth(cell), this.maxWidths[i] ?? 0);
    });
  }
}

class MultiTable {
  private sections: Section[] = [];
  private current: Section | undefined;

  newSection(title: string, indentLevel: number): void {
    this.current = new Section();
    this.current.title = title;
    this.current.indentLevel = indentLevel;
    this.sections.push(this.current);
  }

  addRowHeader(headers: Row): void {
    this.section().addHeader(headers);
  }

  addRow(cells: unknown[]): void {
    this.section().addRow(cells);
  }

  render(terminalWidth: number): string {
    let maxWidth = this.maxWidth();
    if (maxWidth > terminalWidth) {
      this.sections = this.sections.map(verticalIfSingleRow);
      maxWidth = this.maxWidth();
    }
    const lines = ['-'.repeat(maxWidth)];
    for (const section of this.sections) renderSection(section, maxWidth, lines);
    return lines.map((line) => `${line}\n`).join('');
  }

  private section(): Section {
    if (!this.current) this.newSection('', 0);
    return this.current!;
  }

  private maxWidth(): number {
    return Math.max(...this.sections.map((s) => s.totalWidth(4, s.indentLevel)));
  }
}

function renderSection(section: Section, tableWidth: number, lines: string[]): void {
  const indent = '|'.repeat(section.indentLevel);
  const write = (line: string) => lines.push(`${indent}${line}${indent}`);
  const maxWidth = tableWidth - section.indentLevel * 2;
  if (section.title) {
    write(centerText(section.title, maxWidth, '|', '|'));
    if (section.headers.length === 0 && section.rows.length === 0) write(`+${'-'.repeat(Math.max(0, maxWidth - 2))}+`);
  }
  const widths = section.columnWidths(4, maxWidth);
  if (section.headers.length > 0) {
    write(lineBreak(widths));
    write(section.headers.map((header, i) => centerText(header, widths[i] ?? 0, i === 0 ? '|' : '', '|')).join(''));
  }
  if (section.rows.length === 0 || widths.length === 0) return;
  write(lineBreak(widths));
  for (const row of section.rows) {
    write(widths.map((width, i) => alignLeft(row[i] ?? '', width, i === 0 ? '|' : '', '|')).join(''));
  }
  write(lineBreak(widths));
}

function verticalIfSingleRow(section: Section): Section {
  if (section.rows.length !== 1 || section.headers.length === 0) return section;
  const vertical = new Section();
  vertical.title = section.title;
  vertical.indentLevel = section.indentLevel;
  section.headers.forEach((header, i) => vertical.addRow([header, section.rows[0]![i] ?? '']));
  return vertical;
}

function lineBreak(widths: number[]): string {
  return widths.map((w, i) => (i === 0 ? `+${'-'.repeat(Math.max(0, w - 2))}+` : `${'-'.repeat(Math.max(0, w - 1))}+`)).join('');
}

function centerText(text: string, length: number, left: string, right: string): string {
  const width = textWidth(text);
  // As in the CLI, a start below zero is no spaces on the left but still counts on the right.
  const start = Math.floor(length / 2) - Math.floor(width / 2) - 1;
  const soFar = left.length + start + width;
  return `${left}${' '.repeat(Math.max(0, start))}${text}${' '.repeat(Math.max(0, length - right.length - soFar))}${right}`;
}

function alignLeft(text: string, length: number, left: string, right: string): string {
  const width = textWidth(text);
  const padding = length - (width + 2 + left.length + right.length) >= 0 ? 2 : 0;
  const soFar = left.length + padding + width;
  return `${left}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, length - soFar - right.length))}${right}`;
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** Columns on a terminal: East Asian wide and fullwidth characters take two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

const WIDE_RANGES: [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function isWide(code: number): boolean {
  return WIDE_RANGES.some(([from, to]) => code >= from && code <= to);
}

/** Python's truthiness, which decides whether a value gets a section at all. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function buildTable(table: MultiTable, title: string | undefined, current: unknown, indentLevel: number): boolean {
  if (isEmpty(current)) return false;
  if (title !== undefined) table.newSection(title, indentLevel);
  if (Array.isArray(current)) {
    if (isRecord(current[0])) {
      buildFromList(table, current, indentLevel, title);
    } else {
      for (const item of current) {
        if (!isContainer(item)) table.addRow([item]);
        else if (Array.isArray(item) && item.every((el) => !isContainer(el))) table.addRow(item);
        else buildTable(table, undefined, item, indentLevel);
      }
    }
  } else if (isRecord(current)) {
    buildFromRecord(table, current, indentLevel);
  }
  return true;
}

function buildFromRecord(table: MultiTable, current: Record<string, unknown>, indentLevel: number): void {
  const { scalars, nested } = groupKeys([current]);
  if (scalars.length === 1) {
    table.addRow([scalars[0], current[scalars[0]!]]);
  } else if (scalars.length > 0) {
    table.addRowHeader(scalars);
    table.addRow(scalars.map((key) => current[key]));
  }
  for (const key of nested) buildTable(table, key, current[key], indentLevel + 1);
}

function buildFromList(table: MultiTable, list: unknown[], indentLevel: number, title: string | undefined): void {
  const records = list.map((item) => (isRecord(item) ? item : {}));
  const { scalars, nested } = groupKeys(records);
  table.addRowHeader(scalars);
  records.forEach((record, i) => {
    if (i > 0 && nested.length > 0) {
      table.newSection(title ?? '', indentLevel);
      table.addRowHeader(scalars);
    }
    table.addRow(scalars.map((key) => (Object.hasOwn(record, key) ? record[key] : '')));
    for (const key of nested) {
      if (Object.hasOwn(record, key)) buildTable(table, key, record[key], indentLevel + 1);
    }
  });
}

/** The keys with scalar values (the columns) and those with nested values (sections), each sorted. */
function groupKeys(records: Record<string, unknown>[]): { scalars: string[]; nested: string[] } {
  const scalars = new Set<string>();
  const nested = new Set<string>();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) (isContainer(value) ? nested : scalars).add(key);
  }
  return { scalars: [...scalars].sort(), nested: [...nested].sort() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return isContainer(value) && !Array.isArray(value);
}
