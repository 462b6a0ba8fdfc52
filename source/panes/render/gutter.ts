import { cell, type Cell, type Line } from './cells.js';

/** The column left of each row: `›` marks the selected row, bright while the pane has focus. */
function gutterCell(selected: boolean, focused: boolean): Cell {
  if (!selected) return cell(' ');
  return focused ? cell('›', 'cyanBright', { bold: true }) : cell('›', 'gray');
}

/**
 * A line behind its gutter, as one Text: a row is then a single node for Ink to lay out,
 * which is most of what a frame costs.
 */
export function withGutter(line: Line, selected: boolean, focused: boolean): Line {
  return [gutterCell(selected, focused), ...line];
}
