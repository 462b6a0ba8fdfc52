import type { PaneLayout } from './pane-settings.js';

/**
 * Narrower than this, a pane beside the prompt would leave neither of them readable: at 80
 * columns the output would get 40, where the AWS CLI's JSON and tables wrap on every row. An
 * 80-column terminal gets the pane below the output instead, which keeps all 80.
 */
export const MIN_COLUMNS_BESIDE = 100;
/** The output, the prompt, its completion menu and the toolbar keep at least this many columns on the right layout. */
const PROMPT_MIN_COLUMNS = 60;
/** A pane needs a title, a few rows and its footer to be of any use. */
const MIN_PANE_ROWS = 6;
/** Lines the prompt side keeps when the pane sits below it. */
const PROMPT_MIN_ROWS = 10;

export type PanePlacement =
  | { placement: 'right' | 'bottom'; width: number; height: number }
  | { placement: 'hidden'; note: string };

/**
 * Where the pane goes in a terminal of `columns` x `rows`: beside the prompt when asked and
 * there are 100 columns, below it otherwise when there are rows enough, else nowhere (with a
 * note saying what would bring it back). Called again on every resize.
 */
export function placePane(requested: PaneLayout, columns: number, rows: number): PanePlacement {
  if (requested === 'right' && columns >= MIN_COLUMNS_BESIDE) {
    return { placement: 'right', width: Math.min(Math.floor(columns / 2), columns - PROMPT_MIN_COLUMNS), height: rows };
  }
  const height = Math.min(Math.floor(rows / 2), rows - PROMPT_MIN_ROWS);
  if (height >= MIN_PANE_ROWS) return { placement: 'bottom', width: columns, height };
  const rowsNeeded = MIN_PANE_ROWS + PROMPT_MIN_ROWS;
  const note =
    requested === 'right'
      ? `pane hidden: needs ${MIN_COLUMNS_BESIDE} columns or ${rowsNeeded} rows (now ${columns}x${rows})`
      : `pane hidden: needs ${rowsNeeded} rows (now ${columns}x${rows}); try .layout right`;
  return { placement: 'hidden', note };
}
