import { formatError } from '../errors.js';
import { suggest } from '../suggest.js';
import { ComposeError } from '../compose/index.js';
import { REAL_CLOCK, type EcsCliContext, type Verb } from './context.js';
import { EcsCliError } from './errors.js';
import { VerbLog } from './log.js';
import { describe, parseArgs, type ParsedArgs } from './parse-args.js';
import type { CommandSpec } from './spec.js';
import { checkClusterWord } from './target.js';

export type VerbBody = (args: ParsedArgs, context: EcsCliContext, log: VerbLog) => Promise<void>;

export interface VerbOptions {
  /** The verb works on a cluster and, as ecs-cli, lets one word name it (`down myCluster`): see checkClusterWord. */
  clusterWord?: boolean;
}

/**
 * A verb from its body: the words parsed against the spec (or help printed), the body run,
 * and any failure printed as one line on stderr with exit status 1, never thrown.
 */
export function defineVerb(name: string, body: VerbBody, options: VerbOptions = {}): Verb {
  return async (words, context) => {
    try {
      const args = parseArgs([name, ...words], context.env ?? process.env);
      if (args.help) {
        printHelp(args.command, context.print);
        return 0;
      }
      if (options.clusterWord && args.positionals.length === 1 && !args.command.args) {
        checkClusterWord(args, context, name, words);
        args.positionals = [];
      }
      if (args.positionals.length > 0 && !args.command.args) throw unexpectedWord(args.command, args.positionals[0]!);
      for (const [flag, spec] of Object.entries(args.command.flags)) {
        if (spec.required && args.flags[flag] === undefined) throw new EcsCliError(`${describe(args.command)} needs --${flag} (${spec.doc})`);
      }
      await body(args, context, new VerbLog((line) => context.print(line), context.clock ?? REAL_CLOCK));
      return 0;
    } catch (error) {
      context.print(verbError(error), 'stderr');
      return 1;
    }
  };
}

/** Errors in one line: ours as they are, AWS's with their code (`ClusterNotFoundException: Cluster not found.`). */
export function verbError(error: unknown): string {
  if (error instanceof EcsCliError || error instanceof ComposeError) return error.message;
  const e = error as Error & { $metadata?: unknown };
  if (e && e.$metadata !== undefined && e.name !== 'AbortError') return `${e.name}: ${e.message}`.replace(/\s*\n\s*/g, ' ');
  return formatError(error);
}

export function printHelp(command: CommandSpec, print: (line: string) => void): void {
  const usage = [describe(command), ...(Object.keys(command.commands).length > 0 ? ['COMMAND'] : []), '[flags]', ...(command.args ? [command.args] : [])];
  print(`${usage.join(' ')}: ${command.doc}`);
  const subcommands = Object.entries(command.commands);
  if (subcommands.length > 0) {
    print('Commands:');
    const width = Math.max(...subcommands.map(([name]) => name.length));
    for (const [name, sub] of subcommands) print(`  ${name.padEnd(width)}  ${sub.doc}`);
  }
  print('Flags:');
  const flags = Object.entries(command.flags).map(([name, spec]) => {
    const placeholder = spec.enum ? spec.enum.join('|') : { list: 'A,B', integer: 'N', number: 'N', string: 'VALUE', boolean: '' }[spec.type];
    const value = placeholder ? ` ${placeholder}` : '';
    return [`${spec.short ? `-${spec.short}, ` : ''}--${name}${value}`, `${spec.doc}${spec.default ? ` [default: ${spec.default}]` : ''}`] as const;
  });
  const width = Math.max(...flags.map(([left]) => left.length));
  for (const [left, doc] of flags) print(`  ${left.padEnd(width)}  ${doc}`);
}

function unexpectedWord(command: CommandSpec, word: string): EcsCliError {
  const commands = Object.keys(command.commands);
  if (commands.length === 0) return new EcsCliError(`${describe(command)} takes no argument '${word}'`);
  const hint = suggest(word, commands);
  return new EcsCliError(`unknown command '${word}' for ${describe(command)}${hint ? ` (did you mean ${hint}?)` : ''}: one of ${commands.join(', ')}`);
}

/** A command that only groups others (`compose service`) was given without one of them. */
export function needsSubcommand(command: CommandSpec): EcsCliError {
  return new EcsCliError(`${describe(command)} needs a command: ${Object.keys(command.commands).join(', ')}`);
}
