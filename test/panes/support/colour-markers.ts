import chalk from 'chalk';

/**
 * Ink colours through chalk, which writes no colour when stdout is not a terminal (as under the
 * test runner). Turned on here, colours come out as ANSI codes, which `markColours` rewrites as
 * readable markers: `{green}RUNNING{/}`.
 */
export function enableColours(): void {
  chalk.level = 1;
}

const NAMES: Record<string, string> = {
  '30': 'black',
  '31': 'red',
  '32': 'green',
  '33': 'yellow',
  '34': 'blue',
  '35': 'magenta',
  '36': 'cyan',
  '37': 'white',
  '90': 'gray',
  '91': 'redBright',
  '92': 'greenBright',
  '93': 'yellowBright',
  '94': 'blueBright',
  '95': 'magentaBright',
  '96': 'cyanBright',
  '97': 'whiteBright',
};

/** Foreground colours as `{name}` ... `{/}`; every other code (bold, dim, inverse) dropped. */
export function markColours(frame: string): string {
  return frame.replace(/\u001b\[(\d+)m/g, (_all, code: string) => {
    if (NAMES[code]) return `{${NAMES[code]}}`;
    if (code === '39') return '{/}';
    return '';
  });
}

/** The frame as plain text. */
export function plain(frame: string): string {
  return frame.replace(/\u001b\[\d+(;\d+)*m/g, '');
}

export interface ColourRun {
  text: string;
  colour: string;
}

/**
 * How `text` (its `nth` appearance in the frame) is coloured, as runs of one colour each
 * (`default` where no colour is set). Chalk merges adjacent colours, so this reads the colour in
 * force at each character rather than matching marker strings.
 */
export function colourRuns(frame: string, text: string, nth = 0): ColourRun[] | undefined {
  const chars: ColourRun[] = [];
  let colour = 'default';
  for (const part of frame.split(/(\u001b\[\d+m)/)) {
    const code = /^\u001b\[(\d+)m$/.exec(part)?.[1];
    if (code !== undefined) {
      if (NAMES[code]) colour = NAMES[code]!;
      else if (code === '39' || code === '0') colour = 'default';
      continue;
    }
    for (const char of part) chars.push({ text: char, colour });
  }
  const flat = chars.map((c) => c.text).join('');
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = flat.indexOf(text, at + 1);
    if (at < 0) return undefined;
  }
  const runs: ColourRun[] = [];
  for (const c of chars.slice(at, at + [...text].length)) {
    const last = runs[runs.length - 1];
    if (last && last.colour === c.colour) last.text += c.text;
    else runs.push({ ...c });
  }
  return runs;
}

/** The one colour `text` is drawn in, or `mixed`. */
export function colourOf(frame: string, text: string, nth = 0): string | undefined {
  const runs = colourRuns(frame, text, nth);
  if (!runs) return undefined;
  return runs.length === 1 ? runs[0]!.colour : 'mixed';
}
