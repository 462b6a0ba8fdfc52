/**
 * An asciicast v2 recording (what `asciinema play` and `asciinema cat` read): a JSON header
 * line, then one JSON array a line per event, `[seconds, "o", data]` for what was written to
 * the terminal and `[seconds, "m", label]` for a marker. Times only go forward, and a gap
 * longer than the idle limit is cut to it, so that a presenter's long pause or a slow
 * command does not leave the viewer staring at a still screen.
 */
export interface CastHeader {
  version: 2;
  width: number;
  height: number;
  /** Unix time of the start, in seconds. */
  timestamp: number;
  idle_time_limit: number;
  title?: string;
  env: { SHELL: string; TERM: string };
}

export type CastEvent = [seconds: number, type: 'o' | 'm', data: string];

export interface CastOptions {
  width: number;
  height: number;
  title?: string;
  /** Unix time of the start in seconds (default: now). */
  timestamp?: number;
  /** Longest gap kept between two events, in seconds (default 2). */
  idleTimeLimit?: number;
  /** The shell and terminal named in the header (default: $SHELL and $TERM). */
  env?: { SHELL?: string; TERM?: string };
  /** Milliseconds on a clock that only goes forward (default: performance.now()). */
  now?: () => number;
}

export const DEFAULT_IDLE_TIME_LIMIT = 2;

export class CastWriter {
  readonly header: CastHeader;
  private readonly recorded: CastEvent[] = [];
  private readonly now: () => number;
  private readonly startMs: number;
  /** Where the last event was on the clock, and the idle time cut out before it (ms). */
  private lastMs: number;
  private cutMs = 0;
  private lastSeconds = 0;

  constructor(options: CastOptions) {
    if (!(options.width > 0 && options.height > 0)) throw new Error(`a cast needs the terminal's size, got ${options.width}x${options.height}`);
    this.now = options.now ?? (() => performance.now());
    this.startMs = this.now();
    this.lastMs = this.startMs;
    this.header = {
      version: 2,
      width: Math.round(options.width),
      height: Math.round(options.height),
      timestamp: Math.floor(options.timestamp ?? Date.now() / 1000),
      idle_time_limit: options.idleTimeLimit ?? DEFAULT_IDLE_TIME_LIMIT,
      ...(options.title !== undefined ? { title: options.title } : {}),
      env: { SHELL: options.env?.SHELL ?? process.env.SHELL ?? '/bin/sh', TERM: options.env?.TERM ?? process.env.TERM ?? 'xterm-256color' },
    };
  }

  get events(): readonly CastEvent[] {
    return this.recorded;
  }

  /** Something written to the terminal. */
  output(data: string): void {
    if (data !== '') this.recorded.push([this.seconds(), 'o', data]);
  }

  /** A chapter mark, which players list and can jump to. */
  marker(label: string): void {
    this.recorded.push([this.seconds(), 'm', label]);
  }

  /** The whole recording as a .cast file's text. */
  text(): string {
    return castText(this.header, this.recorded);
  }

  private seconds(): number {
    const at = Math.max(this.now(), this.lastMs);
    const gap = at - this.lastMs;
    const limit = this.header.idle_time_limit * 1000;
    if (gap > limit) this.cutMs += gap - limit;
    this.lastMs = at;
    // Rounded to microseconds, as asciinema writes them; never before the event before.
    const seconds = Math.round((at - this.startMs - this.cutMs) * 1000) / 1_000_000;
    this.lastSeconds = Math.max(this.lastSeconds, seconds);
    return this.lastSeconds;
  }
}

export function castText(header: CastHeader, events: readonly CastEvent[]): string {
  return [JSON.stringify(header), ...events.map((event) => JSON.stringify(event))].join('\n') + '\n';
}
