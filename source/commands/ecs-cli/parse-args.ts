import { suggest } from '../suggest.js';
import { EcsCliError } from './errors.js';
import { loadEcsCliSpec, subcommand, type CommandSpec, type FlagSpec } from './spec.js';

export type FlagValue = string | boolean | number | string[];

export interface ParsedArgs {
  command: CommandSpec;
  flags: Record<string, FlagValue | undefined>;
  positionals: string[];
  help: boolean;
}

/**
 * An ecs-cli line's words (from the verb on) against the spec: subcommands descend, flags
 * (`--name value`, `--name=value`, `-f value`) of the command or of any command above it are
 * read with their types; an absent flag takes its environment variable, as ecs-cli does.
 */
export function parseArgs(words: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  let command = loadEcsCliSpec().root;
  const raw = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--') {
      positionals.push(...words.slice(i + 1));
      break;
    }
    const flag = flagOf(command, word);
    if (flag) {
      const [name, spec, inline] = flag;
      let value = inline;
      if (value === undefined && spec.type !== 'boolean') {
        value = words[i + 1];
        if (value === undefined || (value.startsWith('-') && value.length > 1 && !/^-\d/.test(value))) throw new EcsCliError(`--${name} needs a value (${spec.doc})`);
        i++;
      }
      raw.set(name, [...(raw.get(name) ?? []), value ?? 'true']);
      continue;
    }
    if (word.startsWith('-') && word.length > 1 && !/^-\d/.test(word)) {
      const known = Object.keys(command.flags).map((f) => `--${f}`);
      const hint = suggest(word.split('=')[0]!, known);
      throw new EcsCliError(`unknown flag ${word} for ${describe(command)}${hint ? ` (did you mean ${hint}?)` : ''}`);
    }
    const sub = positionals.length === 0 ? subcommand(command, word) : undefined;
    if (sub) command = sub;
    else positionals.push(word);
  }
  const flags: ParsedArgs['flags'] = {};
  for (const [name, spec] of Object.entries(command.flags)) {
    const given = raw.get(name) ?? (spec.env && env[spec.env] ? [env[spec.env]!] : undefined);
    if (given) flags[name] = typed(name, spec, given);
  }
  return { command, flags, positionals, help: flags.help === true };
}

function flagOf(command: CommandSpec, word: string): [string, FlagSpec, string | undefined] | undefined {
  if (word.startsWith('--')) {
    const at = word.indexOf('=');
    const name = at < 0 ? word.slice(2) : word.slice(2, at);
    const spec = command.flags[name];
    return spec ? [name, spec, at < 0 ? undefined : word.slice(at + 1)] : undefined;
  }
  if (/^-[a-zA-Z]$/.test(word)) {
    const found = Object.entries(command.flags).find(([, spec]) => spec.short === word.slice(1));
    return found ? [found[0], found[1], undefined] : undefined;
  }
  return undefined;
}

function typed(name: string, spec: FlagSpec, values: string[]): FlagValue {
  if (!spec.repeatable && values.length > 1) throw new EcsCliError(`--${name} is given ${values.length} times: give it once`);
  if (spec.repeatable) return values;
  const value = values[0]!;
  switch (spec.type) {
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw new EcsCliError(`--${name} is true or false, not '${value}'`);
      return value === 'true';
    case 'integer':
      if (!/^\d+$/.test(value)) throw new EcsCliError(`--${name} must be a whole number, got '${value}'`);
      return Number(value);
    case 'number': {
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new EcsCliError(`--${name} must be a number, got '${value}'`);
      return number;
    }
    case 'list':
      return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    default: {
      if (!spec.enum) return value;
      const match = spec.enum.find((allowed) => allowed.toLowerCase() === value.toLowerCase());
      if (!match) throw new EcsCliError(`--${name} is one of ${spec.enum.join(', ')}, not '${value}'`);
      return match;
    }
  }
}

/** `ecs-cli compose service up`, as messages name a command. */
export function describe(command: CommandSpec): string {
  return ['ecs-cli', ...command.path].join(' ');
}

/** The flag's value as a string, when it is one. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name];
  return typeof value === 'string' ? value : undefined;
}

export function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const value = args.flags[name];
  return typeof value === 'number' ? value : undefined;
}

export function listFlag(args: ParsedArgs, name: string): string[] | undefined {
  const value = args.flags[name];
  return Array.isArray(value) ? value : undefined;
}

export function booleanFlag(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}
