import type { Backend } from '../api/index.js';
import type { ApiIndex } from './api-index.js';
import { CommandError, formatError } from './errors.js';
import { formatResult } from './format-output.js';
import type { OutputFormat } from './global-options.js';
import { parseCommand, type ParsedCall, type ParsedCommand } from './parse-command.js';
import { runCommand, type CommandResult } from './run-command.js';
import { runWaiter, WaiterFailed } from './run-waiter.js';
import type { Token } from './tokenize.js';

export interface ExecuteContext {
  backend: Backend;
  /**
   * A backend in another region, for a line with the CLI's `--region`: the line runs there and
   * the session's region stays. The caller closes it after the line. Without it, such a line is refused.
   */
  backendIn?: (region: string) => Promise<Backend>;
  index: ApiIndex;
  /** --output when the line gives none (the CLI's default is json). */
  defaultOutput?: OutputFormat;
  /** The shell's `.cluster`. */
  defaultCluster?: string;
  terminalWidth?: number;
  cwd?: string;
  signal?: AbortSignal;
}

export interface ExecuteOutcome {
  ok: boolean;
  /** What to show: the formatted output, or the error in one line. */
  text: string;
  parsed?: ParsedCommand;
  result?: CommandResult;
  /** The AWS CLI's exit status where it is not 0 or 1: 255 for a waiter that failed. */
  status?: number;
}

/** One line of the command language, parsed, sent and formatted; no error escapes as an exception. */
export async function executeLine(line: string | readonly (string | Token)[], context: ExecuteContext): Promise<ExecuteOutcome> {
  let parsed: ParsedCommand | undefined;
  try {
    parsed = parseCommand(line, { index: context.index, cwd: context.cwd, defaultCluster: context.defaultCluster });
    if (parsed.kind === 'skeleton') return { ok: true, text: parsed.text, parsed };
    return await inRegionOf(parsed, context, (backend) => send(backend, parsed as ParsedCall, context));
  } catch (error) {
    return { ok: false, text: formatError(error), parsed, ...(error instanceof WaiterFailed ? { status: 255 } : {}) };
  }
}

async function send(backend: Backend, parsed: ParsedCall, context: ExecuteContext): Promise<ExecuteOutcome> {
  if (parsed.waiter) {
    // As the CLI's `wait`: nothing is printed when what it waited for happened.
    await runWaiter(backend, { ...parsed, waiter: parsed.waiter }, context.signal);
    return { ok: true, text: '', parsed };
  }
  const result = await runCommand(backend, parsed, { signal: context.signal });
  const text = formatResult(result, {
    output: parsed.options.output ?? context.defaultOutput,
    query: parsed.options.query,
    terminalWidth: context.terminalWidth,
  });
  return { ok: true, text, parsed, result };
}

/** Runs with the session's backend, or for `--region R` with one in R that is closed afterwards. */
async function inRegionOf<T>(parsed: ParsedCall, context: ExecuteContext, run: (backend: Backend) => Promise<T>): Promise<T> {
  const region = parsed.options.region;
  if (region === undefined || region === context.backend.region) return run(context.backend);
  if (!context.backendIn) throw new CommandError(`--region is not available here; the session's region is ${context.backend.region}`);
  const backend = await context.backendIn(region);
  try {
    return await run(backend);
  } finally {
    if (backend !== context.backend) await backend.close().catch(() => undefined);
  }
}
