import type { VerbClock } from './context.js';

export type Fields = Record<string, string | number | boolean | undefined>;

/**
 * Log lines as ecs-cli prints them (logrus' text format on a terminal, without colours):
 * `INFO[0016] Service status                               desiredCount=1 runningCount=1 serviceName=web`.
 * The number is seconds since the command began; the message is padded to 44 characters;
 * fields are sorted, and quoted when they hold more than letters, digits and `-._/@^+`.
 */
export class VerbLog {
  private readonly start: number;

  constructor(
    private readonly print: (line: string) => void,
    private readonly clock: VerbClock,
  ) {
    this.start = clock.now();
  }

  info(message: string, fields?: Fields): void {
    this.print(logLine('INFO', this.elapsedSeconds(), message, fields));
  }

  warn(message: string, fields?: Fields): void {
    this.print(logLine('WARN', this.elapsedSeconds(), message, fields));
  }

  /** Milliseconds since the command began, on its clock. */
  elapsed(): number {
    return this.clock.now() - this.start;
  }

  private elapsedSeconds(): number {
    return Math.floor(this.elapsed() / 1000);
  }
}

function logLine(level: 'INFO' | 'WARN', seconds: number, message: string, fields: Fields = {}): string {
  const shown = Object.keys(fields)
    .filter((key) => fields[key] !== undefined)
    .sort()
    .map((key) => ` ${key}=${fieldValue(String(fields[key]))}`)
    .join('');
  return `${level}[${String(seconds).padStart(4, '0')}] ${message.padEnd(44)} ${shown}`.trimEnd();
}

function fieldValue(value: string): string {
  return /^[A-Za-z0-9\-._/@^+]+$/.test(value) ? value : JSON.stringify(value);
}
