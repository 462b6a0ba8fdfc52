import { promptText } from './prompt-text.js';
import type { SessionState } from './session.js';
import { THEMES, type TextStyle, type ThemeName } from './theme.js';
import { backendText, emptyLineHint, fitToolbar, TOOLBAR_GAP, toolbarItems, toolbarStatus } from './toolbar-text.js';

/**
 * The shell's first frame, drawn with plain escape codes before Ink and React have loaded
 * (which takes longer than everything else at start): the prompt shows at once, and the
 * terminal is put in raw mode so that keys typed meanwhile are neither echoed nor lost;
 * they wait in the terminal until the shell reads them. Ink then draws the same frame in
 * its place.
 */
export interface FirstFrame {
  /** Rows drawn, for erasing them when Ink takes over. */
  rows: number;
}

const COLORS: Record<string, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90, grey: 90 };

function styled(text: string, style: TextStyle, colour: boolean): string {
  const codes: number[] = [];
  if (style.bold) codes.push(1);
  if (style.dimColor) codes.push(2);
  if (style.inverse) codes.push(7);
  if (colour && style.color && COLORS[style.color] !== undefined) codes.push(COLORS[style.color]!);
  return codes.length === 0 ? text : `\u001B[${codes.join(';')}m${text}\u001B[0m`;
}

export function paintFirstFrame(
  stdout: NodeJS.WriteStream,
  stdin: NodeJS.ReadStream,
  state: SessionState,
  settings: { fuzzy: boolean; theme: ThemeName },
): FirstFrame | undefined {
  if (!stdout.isTTY || !stdin.isTTY) return undefined;
  stdin.setRawMode(true);
  const theme = THEMES[settings.theme];
  const colour = !process.env.NO_COLOR;
  const columns = stdout.columns || 80;
  const prompt = promptText(state);
  const promptRow = state.cluster
    ? `${styled(state.label, theme.prompt, colour)} [${styled(state.cluster, theme.cluster, colour)}]${styled('> ', theme.prompt, colour)}`
    : styled(prompt, theme.prompt, colour);
  // The toolbar Ink draws first: the same items, fitted to the width the same way.
  const fitted = fitToolbar(toolbarItems({ fuzzy: settings.fuzzy, docs: true, scrollable: false }), toolbarStatus(undefined, backendText(state.label, state.region, true)), columns);
  const keys = fitted.items
    .map((item) => `${styled(item.key, theme.key, colour)}${styled(` ${item.label}`, theme.toolbar, colour)}`)
    .join(styled(' '.repeat(TOOLBAR_GAP), theme.toolbar, colour));
  const keysWidth = fitted.items.reduce((width, item, i) => width + item.key.length + 1 + item.label.length + (i > 0 ? TOOLBAR_GAP : 0), 0);
  const status = fitted.status ?? '';
  const gap = status ? Math.max(TOOLBAR_GAP, columns - keysWidth - status.length) : 0;
  const rows = [
    `${promptRow}${styled(' ', { inverse: true }, colour)}`,
    styled(emptyLineHint(columns), theme.info, colour),
    `${keys}${' '.repeat(gap)}${styled(status, theme.toolbar, colour)}`,
  ];
  stdout.write(`${rows.join('\n')}\n`);
  return { rows: rows.length };
}

/** Erases the first frame, leaving the cursor where it began, for Ink to draw there. */
export function eraseFirstFrame(stdout: NodeJS.WriteStream, frame: FirstFrame): void {
  stdout.write(`\r\u001B[${frame.rows}A\u001B[J`);
}
