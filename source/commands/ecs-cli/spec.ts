import { readFileSync } from 'node:fs';

/**
 * completions/ecs-cli.json: ecs-cli's verbs, subcommands and flags with their docs, written by
 * hand. The argument parser reads it and so does the completer, so what completes is exactly
 * what parses. A command's `flags` may name a shared set in `flagSets`; loadEcsCliSpec
 * resolves those, and gives every command the flags of the commands above it.
 */

export type FlagType = 'string' | 'boolean' | 'integer' | 'number' | 'list';

export interface FlagSpec {
  type: FlagType;
  doc: string;
  /** The one-letter form (`-f`). */
  short?: string;
  /** May be given more than once; its value is then a list. */
  repeatable?: boolean;
  enum?: string[];
  /** Shown in help; the verb applies it. */
  default?: string;
  /** Read when the flag is absent (ecs-cli's environment variables). */
  env?: string;
  required?: boolean;
  /** A value never to print or keep in history. */
  secret?: boolean;
  /** What the value completes from: files (any, or YAML ones), regions, profile or configuration names. */
  complete?: 'file' | 'yaml-file' | 'region' | 'ecs-profile' | 'aws-profile' | 'cluster-config' | 'cluster' | 'instance-type';
  /** A live resource the value names (as in the API index). */
  resource?: 'vpc' | 'subnet' | 'security-group' | 'key-pair';
}

export interface CommandSpec {
  /** The words that run it: the path from `ecs-cli`, e.g. ['compose', 'service', 'up']. */
  path: string[];
  doc: string;
  aliases: string[];
  /** Positional arguments, as help shows them (`N`, `CONTAINER COMMAND ...`). */
  args?: string;
  /** Its own flags, those of the commands above it, and the common ones. */
  flags: Record<string, FlagSpec>;
  commands: Record<string, CommandSpec>;
}

export interface EcsCliSpec {
  doc: string;
  /** The words that start an ecs-cli line without `ecs-cli` in front. */
  verbs: string[];
  root: CommandSpec;
}

interface RawCommand {
  doc: string;
  aliases?: string[];
  args?: string;
  flags?: Record<string, FlagSpec> | string;
  commands?: Record<string, RawCommand>;
}

interface RawSpec {
  doc: string;
  verbs: string[];
  flags: Record<string, FlagSpec>;
  commands: Record<string, RawCommand>;
  flagSets: Record<string, Record<string, FlagSpec>>;
}

const SPEC_FILE = new URL('../../../completions/ecs-cli.json', import.meta.url);

let loaded: EcsCliSpec | undefined;

export function loadEcsCliSpec(): EcsCliSpec {
  loaded ??= resolveSpec(JSON.parse(readFileSync(SPEC_FILE, 'utf8')) as RawSpec);
  return loaded;
}

function resolveSpec(raw: RawSpec): EcsCliSpec {
  const build = (path: string[], command: RawCommand, inherited: Record<string, FlagSpec>): CommandSpec => {
    const own = typeof command.flags === 'string' ? raw.flagSets[command.flags] : command.flags;
    if (own === undefined) throw new Error(`completions/ecs-cli.json: ${path.join(' ')} names an unknown flag set ${String(command.flags)}`);
    const flags = { ...inherited, ...own };
    return {
      path,
      doc: command.doc,
      aliases: command.aliases ?? [],
      args: command.args,
      flags,
      commands: Object.fromEntries(Object.entries(command.commands ?? {}).map(([name, sub]) => [name, build([...path, name], sub, flags)])),
    };
  };
  return { doc: raw.doc, verbs: raw.verbs, root: build([], { doc: raw.doc, flags: raw.flags, commands: raw.commands }, {}) };
}

/** The subcommand `word` names (or one of its aliases names). */
export function subcommand(command: CommandSpec, word: string): CommandSpec | undefined {
  return command.commands[word] ?? Object.values(command.commands).find((sub) => sub.aliases.includes(word));
}
