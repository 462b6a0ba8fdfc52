import { promptText } from './prompt-text.js';
import type { SessionState } from './session.js';
import { THEMES, type TextStyle, type ThemeName } from './theme.js';
import { backendText, EMPTY_LINE_HINT, toolbarKeys } from './toolbar-text.js';

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
  const keys = toolbarKeys(settings.fuzzy, true)
    .map(([key, label]) => `${styled(key, theme.key, colour)}${styled(` ${label}`, theme.toolbar, colour)}`)
    .join(styled('  ', theme.toolbar, colour));
  const keysWidth = toolbarKeys(settings.fuzzy, true).reduce((width, [key, label], i) => width + key.length + label.length + 1 + (i > 0 ? 2 : 0), 0);
  const backend = backendText(state.label, state.region, true);
  const gap = Math.max(1, columns - keysWidth - backend.length);
  const rows = [
    `${promptRow}${styled(' ', { inverse: true }, colour)}`,
    styled(EMPTY_LINE_HINT.slice(0, columns), theme.info, colour),
    `${keys}${' '.repeat(gap)}${styled(backend, theme.toolbar, colour)}`,
  ];
  stdout.write(`${rows.join('\n')}\n`);
  return { rows: rows.length };
}

/** Erases the first frame, leaving the cursor where it began, for Ink to draw there. */
export function eraseFirstFrame(stdout: NodeJS.WriteStream, frame: FirstFrame): void {
  stdout.write(`\r\u001B[${frame.rows}A\u001B[J`);
}
