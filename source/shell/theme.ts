/**
 * The shell's colours by role, so that components name what a piece of text is and the
 * theme (a setting) says how it looks. `mono` keeps only bold, dim and inverse, for
 * terminals where colour is unwelcome (chalk also honours NO_COLOR for every theme).
 */
export const THEME_NAMES = ['dark', 'light', 'mono'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

export interface TextStyle {
  color?: string;
  bold?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

export type ThemeRole =
  | 'prompt'
  | 'cluster'
  | 'command'
  | 'error'
  | 'info'
  | 'jsonKey'
  | 'jsonString'
  | 'jsonNumber'
  | 'jsonLiteral'
  | 'punctuation'
  | 'tableBorder'
  | 'tableTitle'
  | 'match'
  | 'selected'
  | 'type'
  | 'required'
  | 'doc'
  | 'key'
  | 'toolbar'
  | 'muted'
  | 'narration'
  | 'hint'
  | 'success';

export type Theme = Record<ThemeRole, TextStyle>;

const DARK: Theme = {
  prompt: { color: 'cyan', bold: true },
  cluster: { color: 'yellow' },
  command: { color: 'cyan' },
  error: { color: 'red' },
  info: { color: 'gray' },
  jsonKey: { color: 'blue' },
  jsonString: { color: 'green' },
  jsonNumber: { color: 'yellow' },
  jsonLiteral: { color: 'magenta' },
  punctuation: {},
  tableBorder: { color: 'gray' },
  tableTitle: { bold: true },
  match: { color: 'yellow', bold: true },
  selected: { inverse: true },
  type: { color: 'gray' },
  required: { color: 'red', bold: true },
  doc: { color: 'gray' },
  key: { bold: true },
  toolbar: { color: 'gray' },
  muted: { dimColor: true },
  narration: { color: 'magenta', bold: true },
  hint: { color: 'yellow' },
  success: { color: 'green', bold: true },
};

const LIGHT: Theme = {
  ...DARK,
  prompt: { color: 'blue', bold: true },
  cluster: { color: 'magenta' },
  command: { color: 'blue' },
  jsonKey: { color: 'blue' },
  jsonString: { color: 'green' },
  jsonNumber: { color: 'magenta' },
  jsonLiteral: { color: 'red' },
  match: { color: 'blue', bold: true },
};

const MONO: Theme = {
  prompt: { bold: true },
  cluster: { bold: true },
  command: { bold: true },
  error: { bold: true },
  info: { dimColor: true },
  jsonKey: {},
  jsonString: {},
  jsonNumber: {},
  jsonLiteral: {},
  punctuation: {},
  tableBorder: { dimColor: true },
  tableTitle: { bold: true },
  match: { bold: true },
  selected: { inverse: true },
  type: { dimColor: true },
  required: { bold: true },
  doc: { dimColor: true },
  key: { bold: true },
  toolbar: { dimColor: true },
  muted: { dimColor: true },
  narration: { bold: true },
  hint: { bold: true },
  success: { bold: true },
};

export const THEMES: Record<ThemeName, Theme> = { dark: DARK, light: LIGHT, mono: MONO };
