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
  /** Each line run, once it finished: for the screen's drivers (a demo waiting for its step). */
  onLineDone?(line: string, outcome: LineOutcome): void;
}

export interface Runner {
  /** The line running now; undefined while it waits for an answer, so that the prompt takes one. */
  running: string | undefined;
  /** What the running line asks (ecs-cli down's [y/N]): the next line run is the answer. */
  question: string | undefined;
  /** Runs a line; `shown` is what the log and the history get instead (a demo's step without its env prefix). */
  run(line: string, shown?: string): Promise<void>;
  /** ctrl-c: aborts the running call (its SDK request, or the system command); a question gets an empty answer. */
  cancel(): void;
}

interface PendingQuestion {
  question: string;
  /** The line that asked, running again once answered. */
  line: string;
  answer(text: string): void;
}

/**
 * Runs lines from the prompt: echoes each, keeps it in the history, and logs what comes back,
 * and what a command prints while it runs as it prints it. A command may ask a question
 * (ShellContext.ask): the next line entered answers it instead of running.
 */
export function useRunner(options: RunnerOptions): Runner {
  const [running, setRunning] = useState<string>();
  const [question, setQuestion] = useState<string>();
  const controller = useRef<AbortController | undefined>(undefined);
  const pending = useRef<PendingQuestion | undefined>(undefined);
  const latest = useRef(options);
  latest.current = options;

  const answer = useCallback((text: string): PendingQuestion | undefined => {
    const waiting = pending.current;
    if (!waiting) return undefined;
    pending.current = undefined;
    setQuestion(undefined);
    waiting.answer(text);
    return waiting;
  }, []);

  const run = useCallback(async (line: string, shown = line) => {
    if (pending.current) {
      // An answer is not a command: echoed after the question, kept out of the history.
      latest.current.append([{ kind: 'command', text: line, prompt: `${pending.current.question} ` }]);
      setRunning(answer(line)!.line);
      return;
    }
    const queue = [{ next: line, shown }];
    try {
      while (queue.length > 0) {
        const { next, shown } = queue.shift()!;
        const { context, append, prompt, terminalWidth } = latest.current;
        append([{ kind: 'command', text: shown, prompt }]);
        if (next.trim() === '') continue;
        context.history.add(shown);
        const abort = new AbortController();
        controller.current = abort;
        setRunning(shown);
        const ask = (asked: string) =>
          new Promise<string>((resolve) => {
            if (abort.signal.aborted) return resolve('');
            pending.current = { question: asked, line: shown, answer: resolve };
            setRunning(undefined);
            setQuestion(asked);
          });
        let printed = '';
        const progress = (text: string) => {
          printed += text;
          latest.current.append([{ kind: 'output', text, format: 'plain' }]);
        };
        const outcome = await runLine(next, { ...context, ask }, { signal: abort.signal, terminalWidth, progress });
        controller.current = undefined;
        // Not running any more by the time the output shows, so that Enter works at once.
        setRunning(undefined);
        append(entriesOf(outcome));
        // What was printed as it ran is part of what the line showed (a demo's wait-for looks in it).
        latest.current.onLineDone?.(shown, printed === '' ? outcome : { ...outcome, output: printed + outcome.output });
        if (outcome.clear) latest.current.clear();
        if (outcome.exit) {
          latest.current.exit();
          return;
        }
        if (outcome.then) queue.push(...outcome.then.map((then) => ({ next: then, shown: then })));
      }
    } finally {
      controller.current = undefined;
      setRunning(undefined);
    }
  }, []);

  const cancel = useCallback(() => {
    answer('');
    controller.current?.abort();
  }, [answer]);
  return { running, question, run, cancel };
}

function entriesOf(outcome: LineOutcome): NewEntry[] {
  const entries: NewEntry[] = [];
  if (outcome.output !== '') entries.push({ kind: 'output', text: outcome.output, format: outcome.format });
  if (outcome.error !== undefined) entries.push({ kind: 'error', text: outcome.error });
  return entries;
}
