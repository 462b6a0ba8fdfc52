/**
 * A recorded session as a demo script: a `# sandbox` line with the session's region (and its
 * sandbox's seed), then each line that was run, in order, followed by what its output showed
 * as a `## wait-for` comment, which the author turns into a live `# wait-for` (by dropping
 * one #) or deletes. A line that failed gets `# expect exit 1`, so that the script replays as
 * it was recorded. Pure: the lines come in already stripped of credentials, and the caller
 * writes the text where it belongs.
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
  /** Where the lines ran when the recording started: a replay starts a fresh sandbox there. */
  session: RecordedSession;
}

/** The session a recording was made in, as far as a replay can start where it started. */
export interface RecordedSession {
  /** `sandbox`, or `aws` (a replay runs on a sandbox all the same). */
  kind: 'sandbox' | 'aws';
  region: string;
  /** The seed (and speed) of the session's sandbox, when it was started with one (a demo's, a lesson's). */
  seed?: number;
  speed?: number;
}

/**
 * The seed a replay gets when the session had none: a fresh sandbox gives the same ids on
 * every replay, though not those of the recording (the seed verify mode uses without one).
 */
const REPLAY_SEED = 1;

/** Longest text taken from an output line into a hint. */
const HINT_LENGTH = 80;

export function recordingScript(lines: readonly RecordedLine[], options: RecordingScriptOptions): string {
  const out = [`## ${options.name}: recorded in ecsh on ${localStamp(options.startedAt)}`, ...sandboxLines(options.session), '## After each command, a hint of what it printed: drop one # to check it on replay (# wait-for), or delete it.'];
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

/** The `# sandbox` line a replay starts from, and what it cannot give back, said as a comment. */
function sandboxLines(session: RecordedSession): string[] {
  if (session.seed !== undefined) {
    const speed = session.speed !== undefined && session.speed !== 1 ? ` speed=${session.speed}` : '';
    return [`# sandbox seed=${session.seed}${speed} region=${session.region}`];
  }
  const where = session.kind === 'aws' ? 'Recorded on AWS' : 'Recorded on a sandbox without a seed';
  return [
    `# sandbox seed=${REPLAY_SEED} region=${session.region}`,
    `## ${where}: a replay starts a fresh sandbox with seed ${REPLAY_SEED}, the same every time, so ids and addresses may differ from the hints below.`,
  ];
}

/** 2026-11-25 07:30, in local time. */
function localStamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
