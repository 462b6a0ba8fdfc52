import type { NewEntry } from './hooks/use-output-log.js';
import { plainLines } from './output-lines.js';

/** Characters kept at most; past that the oldest entries go, so a session running for days stays small. */
const MAX_CHARACTERS = 4_000_000;

/**
 * Everything the output log showed in a session, `.clear` and ctrl-l notwithstanding: the shell
 * draws in place of the terminal's scrollback, so on leaving it hands this to the terminal.
 */
export class SessionTranscript {
  private readonly entries: NewEntry[] = [];
  private characters = 0;

  add(entries: readonly NewEntry[]): void {
    for (const entry of entries) {
      this.entries.push(entry);
      this.characters += entry.text.length;
    }
    while (this.characters > MAX_CHARACTERS && this.entries.length > 1) this.characters -= this.entries.shift()!.text.length;
  }

  /** The session as plain lines: each command after its prompt, then what it printed. */
  lines(): string[] {
    return this.entries.flatMap(plainLines);
  }
}
