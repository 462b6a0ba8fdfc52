/**
 * What a terminal sent, as keys. Ink's own key parser folds every function key into one
 * "non-alphanumeric" key with no name, so F1/F2/F3/F10 could not be told apart through
 * `useInput`; and a chunk such as `ecs list-clusters\r` (a paste, or a fast sender like
 * tmux) arrives as one event, whose Enter must still run the line. Hence this decoder,
 * which the shell's prompt and the panes' F-keys both read.
 */
export interface KeyPress {
  /**
   * The key: 'text' for printable input, else 'return', 'tab', 'backspace', 'delete',
   * 'escape', 'up', 'down', 'left', 'right', 'home', 'end', 'pageup', 'pagedown',
   * 'insert', 'f1'..'f12', or the letter of a ctrl/meta chord ('a' for ctrl-a).
   */
  name: string;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  /** The characters typed, for 'text'. */
  text: string;
}

const ESC = '\u001B';

/** Final bytes and numbers of the CSI / SS3 sequences terminals send for special keys. */
const LETTER_KEYS: Record<string, string> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

const NUMBER_KEYS: Record<string, string> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '17': 'f6',
  '18': 'f7',
  '19': 'f8',
  '20': 'f9',
  '21': 'f10',
  '23': 'f11',
  '24': 'f12',
};

// The Linux console's F1-F5.
const LINUX_CONSOLE_KEYS: Record<string, string> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

function key(name: string, mods: Partial<Pick<KeyPress, 'ctrl' | 'meta' | 'shift'>> = {}, text = ''): KeyPress {
  return { name, ctrl: mods.ctrl ?? false, meta: mods.meta ?? false, shift: mods.shift ?? false, text };
}

/** xterm's modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4). */
function modifiers(parameter: string | undefined): Pick<KeyPress, 'ctrl' | 'meta' | 'shift'> {
  const bits = parameter ? Math.max(0, Number(parameter) - 1) : 0;
  return { shift: (bits & 1) !== 0, meta: (bits & 2) !== 0, ctrl: (bits & 4) !== 0 };
}

function escapeSequence(sequence: string): KeyPress {
  let body = sequence.slice(1);
  let meta = false;
  if (body.startsWith(ESC)) {
    // ESC ESC [ A: alt with a special key, as many terminals send it.
    meta = true;
    body = body.slice(1);
  }
  if (body === '') return key('escape', { meta });

  const csi = /^\[(\d*)(?:;(\d+))?([A-Za-z~])$/.exec(body);
  if (csi) {
    const [, number, parameter, final] = csi;
    const mods = modifiers(parameter);
    mods.meta ||= meta;
    if (final === 'Z') return key('tab', { ...mods, shift: true });
    const name = final === '~' ? NUMBER_KEYS[number!] : LETTER_KEYS[final!];
    return name ? key(name, mods) : key('unknown', mods);
  }
  const ss3 = /^O(\d?)([A-Za-z])$/.exec(body);
  if (ss3) {
    const mods = modifiers(ss3[1] || undefined);
    mods.meta ||= meta;
    return key(LETTER_KEYS[ss3[2]!] ?? 'unknown', mods);
  }
  const linux = /^\[\[([A-E])$/.exec(body);
  if (linux) return key(LINUX_CONSOLE_KEYS[linux[1]!]!, { meta });

  // ESC followed by one character: alt (meta) with that key.
  if ([...body].length === 1) {
    const [inner] = decodePlain(body);
    if (inner?.name === 'text') return key(inner.text.toLowerCase(), { meta: true, shift: inner.text !== inner.text.toLowerCase() });
    if (inner) return { ...inner, meta: true };
  }
  return key('unknown', { meta });
}

function controlKey(code: number): KeyPress {
  if (code === 13 || code === 10) return key('return');
  if (code === 9) return key('tab');
  if (code === 8 || code === 127) return key('backspace');
  if (code === 0) return key('space', { ctrl: true });
  if (code >= 1 && code <= 26) return key(String.fromCharCode(code + 96), { ctrl: true });
  return key('unknown', { ctrl: true });
}

/** Input without escape sequences: runs of printable text, split around control characters. */
function decodePlain(input: string): KeyPress[] {
  const keys: KeyPress[] = [];
  let text = '';
  let previous = 0;
  for (const char of input) {
    const code = char.codePointAt(0)!;
    const afterCarriageReturn = previous === 13;
    previous = code;
    if (code >= 32 && code !== 127) {
      text += char;
      continue;
    }
    if (text) keys.push(key('text', {}, text));
    text = '';
    // \r\n from a paste is one line break, not two.
    if (code === 10 && afterCarriageReturn) continue;
    keys.push(controlKey(code));
  }
  if (text) keys.push(key('text', {}, text));
  return keys;
}

/** The keys in one input event as Ink splits stdin (each escape sequence is its own event). */
export function decodeKeys(input: string): KeyPress[] {
  if (input.startsWith(ESC)) return [escapeSequence(input)];
  return decodePlain(input);
}

/** n for Fn pressed alone; undefined for any other key, and for an F-key with a modifier held. */
export function functionKeyNumber(key: KeyPress): number | undefined {
  if (key.ctrl || key.meta || key.shift) return undefined;
  const match = /^f(\d+)$/.exec(key.name);
  return match ? Number(match[1]) : undefined;
}
