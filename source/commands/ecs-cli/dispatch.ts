import { tokenize } from '../tokenize.js';
import { defaultConfigLocations } from './config-files.js';
import { compose } from './compose.js';
import { configure } from './configure.js';
import type { EcsCliContext, Verb } from './context.js';
import { down } from './down.js';
import { ps } from './ps.js';
import { printHelp, verbError } from './run-verb.js';
import { scale } from './scale.js';
import { loadEcsCliSpec } from './spec.js';
import { up } from './up.js';

export const VERBS: Record<string, Verb> = { configure, up, down, scale, ps, compose };

/** A line for ecs-cli: `ecs-cli ...`, or one of its verbs typed without it (`up --size 3`). */
export function isEcsCliLine(line: string): boolean {
  const first = line.trim().split(/\s+/, 1)[0] ?? '';
  return first === 'ecs-cli' || first in VERBS;
}

/** Runs ecs-cli's words (`ecs-cli` in front or not); resolves to the exit status. */
export async function runEcsCli(words: readonly string[], context: EcsCliContext): Promise<number> {
  const rest = words[0] === 'ecs-cli' ? words.slice(1) : words;
  const verb = rest[0];
  if (verb === undefined || verb === '--help' || verb === '-h') {
    printHelp(loadEcsCliSpec().root, (line) => context.print(line));
    return 0;
  }
  const run = VERBS[verb];
  if (!run) {
    context.print(`ecs-cli has no command '${verb}': one of ${Object.keys(VERBS).join(', ')}`, 'stderr');
    return 1;
  }
  return run(rest.slice(1), context);
}

export interface EcsCliLineOptions extends Omit<EcsCliContext, 'print' | 'config'> {
  config?: EcsCliContext['config'];
  /** Takes each line the verb prints as it prints it (progress while it waits); the result's output is then empty. */
  onOutput?(line: string): void;
}

export interface EcsCliLineResult {
  ok: boolean;
  /** What the verb printed, one line each (unless onOutput took it). */
  output: string;
  /** What went wrong, in one line. */
  error?: string;
}

/**
 * One line of the shell, a `-c` or a script, run to the end with its output gathered (or
 * handed to onOutput line by line as it comes): what the shell's line dispatcher calls for
 * ecs-cli lines. Never throws.
 */
export async function runEcsCliLine(line: string, options: EcsCliLineOptions): Promise<EcsCliLineResult> {
  const output: string[] = [];
  const errors: string[] = [];
  const { onOutput, ...context } = options;
  const print = (text: string, stream?: 'stdout' | 'stderr') => {
    if (stream === 'stderr') errors.push(text);
    else if (onOutput) onOutput(text);
    else output.push(text);
  };
  try {
    const code = await runEcsCli(
      tokenize(line).map((token) => token.value),
      { ...context, config: options.config ?? defaultConfigLocations(), print },
    );
    const text = output.length > 0 ? `${output.join('\n')}\n` : '';
    return code === 0 ? { ok: true, output: text } : { ok: false, output: text, error: errors.join(' ') || `exit status ${code}` };
  } catch (error) {
    return { ok: false, output: output.join('\n'), error: verbError(error) };
  }
}
