/**
 * A recorded session as a demo script: each line that was run, in order, followed by what
 * its output showed as a `## wait-for` comment, which the author turns into a live
 * `# wait-for` (by dropping one #) or deletes. A line that failed gets `# expect exit 1`, so
 * that the script replays as it was recorded. Pure: the lines come in already stripped of
 * credentials, and the caller writes the text where it belongs.
 */
export interface RecordedLine {
  line: string;
  ok: boolean;
  output: string;
  error?: string;
}

export interface RecordingScriptOptions {
  /** The recording's name: the script's title. */
  name: string;
  startedAt: Date;
}

/** Longest text taken from an output line into a hint. */
const HINT_LENGTH = 80;

export function recordingScript(lines: readonly RecordedLine[], options: RecordingScriptOptions): string {
  const out = [
    `## ${options.name}: recorded in ecsh on ${localStamp(options.startedAt)}`,
    '## After each command, a hint of what it printed: drop one # to check it on replay (# wait-for), or delete it.',
  ];
  for (const recorded of lines) {
    const line = recorded.line.replace(/[\r\n]+/g, ' ').trim();
    if (line === '' || line.startsWith('#')) continue;
    out.push('', line);
    if (!recorded.ok) out.push('# expect exit 1');
    const hint = waitForHint(recorded.ok ? recorded.output : `${recorded.error ?? ''}\n${recorded.output}`);
    if (hint !== undefined) out.push(`## wait-for ${hint}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * A regex for the most telling line of an output: the first with a value in it, not a
 * bracket, a bare key opening an object, or a table's border.
 */
export function waitForHint(output: string): string | undefined {
  const telling = output
    .split('\n')
    .map((line) => line.trim().replace(/,$/, ''))
    .find((line) => (line.match(/[A-Za-z0-9]/g)?.length ?? 0) >= 3 && !/^"[^"]*":\s*[[{]$/.test(line) && !/^[|+\-\s]+$/.test(line));
  if (telling === undefined) return undefined;
  const cut = [...telling].slice(0, HINT_LENGTH).join('');
  return `/${cut.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`;
}

/** 2026-11-25 07:30, in local time. */
function localStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
