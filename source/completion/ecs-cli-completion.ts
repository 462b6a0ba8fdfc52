// Completes ecs-cli lines (`ecs-cli compose service up --file d`, or a verb typed alone,
// `up --size 2`) from completions/ecs-cli.json, the spec the verbs parse with: verbs and
// subcommands, the flags not yet given with their docs, and flag values (enums, cluster and
// EC2 names, configuration and profile names, regions, instance types, files).
import { subcommand, type CommandSpec, type EcsCliSpec, type FlagSpec } from '../commands/ecs-cli/index.js';
import { insertText, rankChoices, rankValues, valueChoice, type Choice, type Ranking } from './candidate-lists.js';
import type { CompletionContext, CompletionOptions, CompletionResult, EcsCliSource } from './completion-types.js';
import type { MatchMode } from './fuzzy-rank.js';
import { pathChoices } from './file-paths.js';
import type { LineWord } from './line-words.js';
import type { ListedKind } from './resource-cache.js';
import { resourceDoc } from './resource-docs.js';

/** Flags whose values are live names the spec does not mark: `up --image-id` takes an AMI. */
const FLAG_RESOURCES: Readonly<Record<string, ListedKind>> = { 'image-id': 'image' };

/** The first word of an ecs-cli line. */
export function isEcsCliHead(spec: EcsCliSpec, word: string): boolean {
  return word === 'ecs-cli' || spec.verbs.includes(word);
}

/**
 * What the first word may be besides the services: `ecs-cli`, and a verb alone once what is
 * typed starts it. No service word starts like a verb, so a verb never crowds the services'
 * menu (fuzzy `e` would otherwise bring in `scale` and `compose`).
 */
export function ecsCliCommandWords(spec: EcsCliSpec, typed: string): Choice[] {
  const choices: Choice[] = [{ kind: 'service', label: 'ecs-cli', insert: 'ecs-cli', doc: spec.doc }];
  const start = typed.toLowerCase();
  if (start === '') return choices;
  for (const verb of spec.verbs) {
    const command = spec.root.commands[verb];
    if (command && verb.startsWith(start)) choices.push({ kind: 'operation', label: verb, insert: verb, doc: `ecs-cli ${verb}: ${command.doc}` });
  }
  return choices;
}

/** Completes `current` after `words`, the line's words from `ecs-cli` (or the verb) on. */
export function completeEcsCli(
  words: readonly LineWord[],
  current: LineWord,
  at: number,
  source: EcsCliSource,
  options: CompletionOptions & { mode: MatchMode; limit: number },
): CompletionResult {
  const spec = source.spec();
  const line = readWords(spec.root, words[0]?.text === 'ecs-cli' ? words.slice(1) : words);
  const request = new EcsCliRequest(current, at, source, options);
  const inline = inlineFlag(current, line.command);
  if (inline) return request.flagValue(line.command, inline.name, inline.spec, inline.from);
  const typingFlag = current.text.startsWith('-') && !current.quote;
  if (line.awaiting && !typingFlag) return request.flagValue(line.command, line.awaiting.name, line.awaiting.spec, 0);
  const subcommands = Object.keys(line.command.commands);
  if (line.positionals.length > 0 && subcommands.length > 0 && !line.command.args) {
    return request.none(`'${line.positionals[0]}' is not a command of ${['ecs-cli', ...line.command.path].join(' ')}: one of ${subcommands.join(', ')}`);
  }
  const context: CompletionContext = { kind: 'ecs-cli-command', command: line.command };
  // Flags come after the verb: `ecs-cli` itself takes none.
  if (line.chain.length === 1) return request.choices(context, commandChoices(line.command), current.text);
  const flags = flagChoices(line.chain, line.given);
  if (typingFlag) return request.choices(context, flags, current.text.replace(/^-{1,2}/, ''));
  // Subcommands before flags, also among equal matches.
  const commands = line.positionals.length === 0 ? commandChoices(line.command).map((choice) => ({ ...choice, group: 0 })) : [];
  return request.choices(context, [...commands, ...flags.map((choice) => ({ ...choice, group: 1 }))], current.text);
}

interface ReadLine {
  /** The command the words lead to, and those above it (the first is ecs-cli itself). */
  command: CommandSpec;
  chain: CommandSpec[];
  /** Flags given (by their long names). */
  given: Set<string>;
  positionals: string[];
  /** The flag whose value the next word is. */
  awaiting?: { name: string; spec: FlagSpec };
}

/** Reads the complete words as the parser will: subcommands descend, flags take their values. */
function readWords(root: CommandSpec, words: readonly LineWord[]): ReadLine {
  const line: ReadLine = { command: root, chain: [root], given: new Set(), positionals: [] };
  for (const word of words) {
    if (line.awaiting) {
      line.awaiting = undefined;
      continue;
    }
    const flag = word.quote ? undefined : flagNamed(line.command, word.text);
    if (flag) {
      line.given.add(flag.name);
      if (flag.spec.type !== 'boolean' && !word.text.includes('=')) line.awaiting = flag;
      continue;
    }
    const sub = line.positionals.length === 0 && !word.text.startsWith('-') ? subcommand(line.command, word.text) : undefined;
    if (sub) {
      line.command = sub;
      line.chain.push(sub);
    } else if (!word.text.startsWith('-')) {
      line.positionals.push(word.text);
    }
  }
  return line;
}

/** `--name`, `--name=value` or `-x`, when the command has that flag. */
function flagNamed(command: CommandSpec, text: string): { name: string; spec: FlagSpec } | undefined {
  if (text.startsWith('--')) {
    const name = text.slice(2).split('=', 1)[0]!;
    const spec = command.flags[name];
    return spec ? { name, spec } : undefined;
  }
  if (/^-[a-zA-Z]$/.test(text)) {
    const found = Object.entries(command.flags).find(([, spec]) => spec.short === text.slice(1));
    return found ? { name: found[0], spec: found[1] } : undefined;
  }
  return undefined;
}

/** `--name=value` being typed: the value starts after the '='. */
function inlineFlag(word: LineWord, command: CommandSpec): { name: string; spec: FlagSpec; from: number } | undefined {
  if (word.quote || !word.text.startsWith('--') || !word.text.includes('=')) return undefined;
  const flag = flagNamed(command, word.text);
  return flag && flag.spec.type !== 'boolean' ? { ...flag, from: flag.name.length + 3 } : undefined;
}

function commandChoices(command: CommandSpec): Choice[] {
  return Object.entries(command.commands).map(([name, sub]) => ({
    kind: 'operation',
    label: name,
    insert: name,
    doc: `${sub.doc}${sub.args ? ` Takes ${sub.args}.` : ''}${sub.aliases.length > 0 ? ` Also: ${sub.aliases.join(', ')}.` : ''}`,
  }));
}

/**
 * The flags not yet given (a repeatable one stays): required first, then the command's own,
 * then those of the commands above it, the ones every verb takes last.
 */
function flagChoices(chain: readonly CommandSpec[], given: ReadonlySet<string>): Choice[] {
  const required: Choice[] = [];
  const rest: Choice[] = [];
  const offered = new Set<string>();
  for (let depth = chain.length - 1; depth >= 0; depth--) {
    const above = chain[depth - 1];
    for (const [name, spec] of Object.entries(chain[depth]!.flags)) {
      // A command's flags hold those of the commands above it (the same objects): each is offered
      // at its own level, and a flag a subcommand redefines only as the subcommand has it.
      if ((above && above.flags[name] === spec) || offered.has(name) || (given.has(name) && !spec.repeatable)) continue;
      offered.add(name);
      const choice: Choice = {
        kind: 'parameter',
        label: `--${name}`,
        insert: `--${name}`,
        skip: 2,
        doc: `${spec.doc}${spec.short ? ` Also -${spec.short}.` : ''}${spec.default ? ` [default: ${spec.default}]` : ''}`,
        type: spec.type === 'boolean' ? 'flag' : spec.type,
        required: spec.required === true,
      };
      (spec.required ? required : rest).push(choice);
    }
  }
  return [...required, ...rest];
}

/** One completion of an ecs-cli line: the word at the cursor and where its candidates come from. */
class EcsCliRequest {
  private readonly mode: MatchMode;
  private readonly limit: number;

  constructor(
    private readonly word: LineWord,
    private readonly at: number,
    private readonly source: EcsCliSource,
    private readonly options: CompletionOptions & { mode: MatchMode; limit: number },
  ) {
    this.mode = options.mode;
    this.limit = options.limit;
  }

  none(reason: string): CompletionResult {
    return this.result({ kind: 'none', reason }, 0, { candidates: [], total: 0 });
  }

  choices(context: CompletionContext, choices: readonly Choice[], query: string): CompletionResult {
    return this.result(context, 0, rankChoices(choices, query, this.mode, this.limit), query);
  }

  /** The value of `--name`, typed from the word's `from`th character. */
  flagValue(command: CommandSpec, name: string, spec: FlagSpec, from: number): CompletionResult {
    const resource = spec.resource ?? (Object.hasOwn(FLAG_RESOURCES, name) ? FLAG_RESOURCES[name] : undefined);
    const context: CompletionContext = { kind: 'ecs-cli-value', command, flag: name, spec, ...(resource ? { resource } : {}) };
    if (spec.enum) return this.fixed(context, spec.enum, from, new Set());
    switch (spec.complete) {
      case 'cluster':
        return this.resources({ ...context, resource: 'cluster' }, 'cluster', from, new Set());
      case 'file':
      case 'yaml-file':
        return this.files(context, from, spec.complete === 'yaml-file');
      case 'region':
      case 'ecs-profile':
      case 'aws-profile':
      case 'cluster-config':
      case 'instance-type':
        return this.fixed(context, this.source.names(spec.complete), from, new Set());
    }
    if (resource) {
      // A comma-separated list: the item after the last comma, leaving out those before it.
      const text = this.word.text.slice(from);
      const comma = spec.type === 'list' ? text.lastIndexOf(',') + 1 : 0;
      return this.resources(context, resource, from + comma, new Set(text.slice(0, comma).split(',').filter(Boolean)));
    }
    return this.none(`--${name} (${spec.type}${spec.required ? ', required' : ''}): ${spec.doc}${spec.default ? ` [default: ${spec.default}]` : ''}`);
  }

  private fixed(context: CompletionContext, values: readonly string[], from: number, exclude: ReadonlySet<string>): CompletionResult {
    const choices = values.filter((v) => !exclude.has(v)).map((v) => valueChoice('value', v, insertText(v, this.word, from === 0)));
    return this.result(context, from, rankChoices(choices, this.word.text.slice(from), this.mode, this.limit));
  }

  private resources(context: CompletionContext, kind: ListedKind, from: number, exclude: ReadonlySet<string>): CompletionResult {
    const resources = this.options.resources;
    if (!resources) return this.result(context, from, { candidates: [], total: 0 });
    const lookup = resources.lookup(kind);
    const ranking = rankValues(lookup.values, this.word.text.slice(from), this.mode, this.limit, exclude, (v) => {
      const doc = resourceDoc(lookup.values, v);
      return { kind: 'resource', label: v, insert: insertText(v, this.word, from === 0), ...(doc ? { doc } : {}) };
    });
    return this.result(context, from, ranking, undefined, { pending: lookup.loading, ...(lookup.error ? { error: lookup.error } : {}) });
  }

  /** Paths, from the directory typed so far; for a YAML file, YAML files and directories only. */
  private files(context: CompletionContext, from: number, yamlOnly: boolean): CompletionResult {
    const text = this.word.text.slice(from);
    const start = from + text.lastIndexOf('/') + 1;
    const keep = yamlOnly ? (entry: string) => entry.endsWith('/') || /\.ya?ml$/i.test(entry) : undefined;
    const paths = pathChoices(text, (directory) => this.source.entries(directory), (entry) => insertText(entry, this.word, start === 0), keep);
    return this.result(context, start, rankChoices(paths.choices, paths.query, this.mode, this.limit));
  }

  /** The answer, replacing the word at the cursor from its `from`th character to its end. */
  private result(context: CompletionContext, from: number, ranking: Ranking, query?: string, extra: { pending?: boolean; error?: string } = {}): CompletionResult {
    const start = from === 0 ? this.word.start : this.word.offsets[from] ?? this.at;
    return {
      context,
      query: query ?? this.word.text.slice(from),
      replace: { start, end: this.word.end },
      candidates: ranking.candidates,
      total: ranking.total,
      pending: extra.pending ?? false,
      ...(extra.error ? { error: extra.error } : {}),
    };
  }
}
