import type { Backend } from '../api/index.js';
import type { ApiIndex } from './api-index.js';
import { formatError } from './errors.js';
import { formatResult } from './format-output.js';
import type { OutputFormat } from './global-options.js';
import { parseCommand, type ParsedCommand } from './parse-command.js';
import { runCommand, type CommandResult } from './run-command.js';
import type { Token } from './tokenize.js';

export interface ExecuteContext {
  backend: Backend;
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
}

/** One line of the command language, parsed, sent and formatted; no error escapes as an exception. */
export async function executeLine(line: string | readonly (string | Token)[], context: ExecuteContext): Promise<ExecuteOutcome> {
  let parsed: ParsedCommand | undefined;
  try {
    parsed = parseCommand(line, { index: context.index, cwd: context.cwd, defaultCluster: context.defaultCluster });
    if (parsed.kind === 'skeleton') return { ok: true, text: parsed.text, parsed };
    const result = await runCommand(context.backend, parsed, { signal: context.signal });
    const text = formatResult(result, {
      output: parsed.options.output ?? context.defaultOutput,
      query: parsed.options.query,
      terminalWidth: context.terminalWidth,
    });
    return { ok: true, text, parsed, result };
  } catch (error) {
    return { ok: false, text: formatError(error), parsed };
  }
}
