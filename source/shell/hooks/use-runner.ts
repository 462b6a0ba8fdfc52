import { useCallback, useRef, useState } from 'react';
import type { NewEntry } from './use-output-log.js';
import { runLine } from '../run-line.js';
import type { LineOutcome, ShellContext } from '../shell-context.js';

export interface RunnerOptions {
  context: ShellContext;
  append(entries: readonly NewEntry[]): void;
  clear(): void;
  exit(): void;
  /** The prompt the line was typed at, echoed before it in the log. */
  prompt: string;
  terminalWidth: number;
}

export interface Runner {
  /** The line running now. */
  running: string | undefined;
  run(line: string): Promise<void>;
  /** ctrl-c: aborts the running call (its SDK request, or the system command). */
  cancel(): void;
}

/** Runs lines from the prompt: echoes each, keeps it in the history, and logs what comes back. */
export function useRunner(options: RunnerOptions): Runner {
  const [running, setRunning] = useState<string>();
  const controller = useRef<AbortController | undefined>(undefined);
  const latest = useRef(options);
  latest.current = options;

  const run = useCallback(async (line: string) => {
    const queue = [line];
    try {
      while (queue.length > 0) {
        const next = queue.shift()!;
        const { context, append, prompt, terminalWidth } = latest.current;
        append([{ kind: 'command', text: next, prompt }]);
        if (next.trim() === '') continue;
        context.history.add(next);
        const abort = new AbortController();
        controller.current = abort;
        setRunning(next);
        const outcome = await runLine(next, context, { signal: abort.signal, terminalWidth });
        controller.current = undefined;
        // Not running any more by the time the output shows, so that Enter works at once.
        setRunning(undefined);
        append(entriesOf(outcome));
        if (outcome.clear) latest.current.clear();
        if (outcome.exit) {
          latest.current.exit();
          return;
        }
        if (outcome.then) queue.push(...outcome.then);
      }
    } finally {
      controller.current = undefined;
      setRunning(undefined);
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { running, run, cancel };
}

function entriesOf(outcome: LineOutcome): NewEntry[] {
  const entries: NewEntry[] = [];
  if (outcome.output !== '') entries.push({ kind: 'output', text: outcome.output, format: outcome.format });
  if (outcome.error !== undefined) entries.push({ kind: 'error', text: outcome.error });
  return entries;
}
