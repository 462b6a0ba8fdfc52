import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { runLine } from './run-line.js';
import type { LineOutcome, RunLineOptions, ShellContext } from './shell-context.js';

export interface BatchOptions {
  context: ShellContext;
  stdout: Writable;
  stderr: Writable;
  terminalWidth?: number;
  /** Cancels the line running (ctrl-c in the terminal that started the script). */
  signal?: AbortSignal;
}

/** `ecsh -c LINE`: runs one line; the exit status is 0 when it worked, else 1 (or the line's own, as 255 for a failed wait). */
export async function runOneShot(line: string, options: BatchOptions): Promise<number> {
  const outcome = await runLine(line, options.context, lineOptions(options));
  report(outcome, options, '');
  return outcome.ok ? 0 : (outcome.status ?? 1);
}

/**
 * A script on stdin, one line of the shell per line (blank lines and # comments skipped):
 * stops at the first line that fails, unless told to go on; the exit status is 1 when any
 * line failed.
 */
export async function runScript(input: Readable, options: BatchOptions & { continueOnError?: boolean }): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  let failed = false;
  try {
    for await (const line of lines) {
      number++;
      if (options.signal?.aborted) return 130;
      const outcome = await runLine(line, options.context, lineOptions(options));
      report(outcome, options, `line ${number}: `);
      if (!outcome.ok) {
        failed = true;
        if (!options.continueOnError) return 1;
      }
      if (outcome.exit) break;
    }
  } finally {
    lines.close();
  }
  return failed ? 1 : 0;
}

/** Progress (ecs-cli waiting for instances, tasks, deployments) goes to stdout as it is printed. */
function lineOptions(options: BatchOptions): RunLineOptions {
  return { signal: options.signal, terminalWidth: options.terminalWidth, progress: (line) => options.stdout.write(`${line}\n`) };
}

function report(outcome: LineOutcome, options: BatchOptions, where: string): void {
  if (outcome.output) options.stdout.write(outcome.output.endsWith('\n') ? outcome.output : `${outcome.output}\n`);
  if (outcome.error) options.stderr.write(`ecsh: ${where}${outcome.error}\n`);
}
