import { appendFileSync, chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configDir } from '../config/index.js';
import { redactSecrets } from './redact-secrets.js';

/** Lines kept; the file is cut back to this many once it holds twice as many. */
export const HISTORY_LIMIT = 1_000;

export function defaultHistoryPath(): string {
  return join(configDir(), 'history');
}

/**
 * The lines run at the prompt, oldest first, kept in the config dir (one line each, file
 * mode 0600) so that up-arrow and ctrl-r reach yesterday's commands. Lines are stored with
 * their credentials masked, in memory as on disk: a secret typed once is never kept.
 */
export class History {
  private readonly lines: string[];
  private linesInFile: number;

  private constructor(
    readonly path: string | undefined,
    lines: string[],
    private readonly onWriteError: (message: string) => void,
  ) {
    this.lines = lines.slice(-HISTORY_LIMIT);
    this.linesInFile = lines.length;
  }

  /** The history in `path` (none yet is fine); without a path, a history kept in memory only. */
  static open(path: string | undefined = defaultHistoryPath(), onWriteError: (message: string) => void = () => undefined): History {
    if (path === undefined) return new History(undefined, [], onWriteError);
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onWriteError(`cannot read the history ${path}: ${(error as Error).message}`);
    }
    return new History(path, text.split('\n').filter((line) => line.trim() !== ''), onWriteError);
  }

  get entries(): readonly string[] {
    return this.lines;
  }

  /** Keeps a line (masked, and not twice in a row); returns the line as kept, or undefined when not kept. */
  add(line: string): string | undefined {
    const kept = redactSecrets(line.replace(/[\r\n]+/g, ' ').trim());
    if (kept === '' || this.lines.at(-1) === kept) return undefined;
    this.lines.push(kept);
    if (this.lines.length > HISTORY_LIMIT) this.lines.splice(0, this.lines.length - HISTORY_LIMIT);
    this.persist(kept);
    return kept;
  }

  private persist(line: string): void {
    if (this.path === undefined) return;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      if (this.linesInFile + 1 > 2 * HISTORY_LIMIT) {
        this.rewrite();
        return;
      }
      appendFileSync(this.path, `${line}\n`, { mode: 0o600 });
      this.linesInFile++;
      // A file made by someone else (or an older version) may be readable by others.
      if ((statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    } catch (error) {
      this.onWriteError(`cannot save the history to ${this.path}: ${(error as Error).message}`);
    }
  }

  /** The last HISTORY_LIMIT lines, written to a temporary file that then replaces the old one. */
  private rewrite(): void {
    const path = this.path!;
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, this.lines.map((line) => `${line}\n`).join(''), { mode: 0o600 });
    renameSync(temporary, path);
    this.linesInFile = this.lines.length;
  }
}
