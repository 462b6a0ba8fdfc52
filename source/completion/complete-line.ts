// The completion engine: from the line typed so far and the cursor, what is being typed there
// (a service, an operation, a parameter, a parameter's value...) and the ranked candidates.
// Pure: the indexes and resource names come in through the options; nothing here waits.
import type { ServiceWord } from '../api/index.js';
import type { OperationSpec, WaiterSpec } from '../commands/index.js';
import { arityOf, optionSpec, optionWord, readArguments, type GivenArguments, type OptionSpec } from './argument-context.js';
import { insertText, rankChoices, rankValues, valueChoice, type Choice, type Ranking } from './candidate-lists.js';
import type { CompletionContext, CompletionOptions, CompletionResult } from './completion-types.js';
import { completeEcsCli, ecsCliCommandWords, isEcsCliHead } from './ecs-cli-completion.js';
import type { MatchMode } from './fuzzy-rank.js';
import { GLOBAL_OPTIONS } from './global-options.js';
import { splitLine, type LineWord } from './line-words.js';
import { itemLength, shorthandKeyText } from './nested-shorthand.js';
import { documentedMemberValues, documentedParameterValues } from './documented-values.js';
import { entryInWord, pathChoices } from './file-paths.js';
import { docInShell, parameterResource } from './parameter-resources.js';
import { CLUSTER_SCOPED_KINDS, type ListedKind } from './resource-cache.js';
import { resourceDoc } from './resource-docs.js';
import { shorthandPoint } from './shorthand-keys.js';
import { shorthandMemberResource } from './shorthand-resources.js';

export const DEFAULT_CANDIDATE_LIMIT = 100;

const FILE_PREFIX = 'file://';

const SERVICE_DOCS: Readonly<Record<ServiceWord, string>> = {
  ecs: 'Amazon ECS: clusters, services, tasks, task definitions, container instances.',
  ec2: 'Amazon EC2: instances, VPCs, subnets, security groups.',
  elb: 'Classic Elastic Load Balancing.',
  elbv2: 'Application and Network Load Balancers, target groups, listeners.',
};

/** The AWS CLI's word for a service's waiters (`ecs wait services-stable`); the commands module is only typed here, never loaded. */
const WAIT_WORD = 'wait';

/** Completes the word at `cursor` in `line`. */
export function completeLine(line: string, cursor: number, options: CompletionOptions): CompletionResult {
  const at = Math.max(0, Math.min(cursor, line.length));
  const { before, current } = splitLine(line, at);
  const c = new Completion(current, at, line.slice(at, current.end), options);
  const afterAws = before[0]?.text === 'aws' ? 1 : 0;
  const words = before.slice(afterAws);
  if (words.length === 0) return c.commandWords(afterAws === 0);
  const head = words[0]!.text;
  if (head.startsWith('.')) return c.dotArgument(head, words.length - 1);
  if (head.startsWith('!')) return c.none('a system shell command');
  if (afterAws === 0 && options.ecsCli && isEcsCliHead(options.ecsCli.spec(), head)) {
    return completeEcsCli(words, current, at, options.ecsCli, { ...options, mode: options.mode ?? 'fuzzy', limit: options.limit ?? DEFAULT_CANDIDATE_LIMIT });
  }
  const index = options.catalog.service(head);
  if (!index) return c.none(`'${head}' is not a service (${options.catalog.services.join(', ')})`);
  if (words.length === 1) return c.operations(index.service, index.operations, index.waiters);
  const operation = words[1]!.text;
  if (operation === WAIT_WORD && index.waiters && !Object.hasOwn(index.operations, WAIT_WORD)) {
    if (words.length === 2) return c.waiters(index.service, index.waiters);
    const waiter = words[2]!.text;
    const command = options.catalog.waiter(index.service, waiter);
    if (!command) return c.none(`'${waiter}' is not a waiter of ${index.service}`);
    return c.arguments(index.service, `${WAIT_WORD} ${waiter}`, { ...command.operation, pagination: undefined }, words.slice(3));
  }
  const entry = options.catalog.operation(index.service, operation);
  if (!entry) return c.none(`'${operation}' is not an operation of ${index.service}`);
  return c.arguments(index.service, operation, entry, words.slice(2));
}

/** One completion request: the word at the cursor and the options. */
class Completion {
  private readonly mode: MatchMode;
  private readonly limit: number;

  constructor(
    private readonly word: LineWord,
    private readonly at: number,
    /** The word's text after the cursor, as typed. */
    private readonly rest: string,
    private readonly options: CompletionOptions,
  ) {
    this.mode = options.mode ?? 'fuzzy';
    this.limit = options.limit ?? DEFAULT_CANDIDATE_LIMIT;
  }

  none(reason: string): CompletionResult {
    return this.result({ kind: 'none', reason }, 0, { candidates: [], total: 0 });
  }

  commandWords(withDotCommands: boolean): CompletionResult {
    const choices: Choice[] = this.options.catalog.services.map((service) => ({
      kind: 'service',
      label: service,
      insert: service,
      doc: SERVICE_DOCS[service],
    }));
    if (withDotCommands && this.options.ecsCli) choices.push(...ecsCliCommandWords(this.options.ecsCli.spec(), this.word.text));
    if (withDotCommands) {
      for (const command of this.options.dotCommands ?? []) choices.push({ kind: 'dot-command', label: command.name, insert: command.name, doc: command.doc });
    }
    return this.result({ kind: 'command' }, 0, rankChoices(choices, this.word.text, this.mode, this.limit));
  }

  dotArgument(name: string, argumentsBefore: number): CompletionResult {
    const command = this.options.dotCommands?.find((spec) => spec.name === name);
    if (!command) return this.none(`'${name}' is not a dot command`);
    if (argumentsBefore > 0 || (!command.values && !command.resource)) return this.none(`${name} takes no more arguments`);
    const context: CompletionContext = { kind: 'dot-argument', command };
    return this.values(context, command, 0, new Set(), this.options.defaultCluster);
  }

  operations(service: ServiceWord, operations: Record<string, OperationSpec>, waiters?: Record<string, WaiterSpec>): CompletionResult {
    const choices: Choice[] = Object.entries(operations).map(([name, entry]) => ({ kind: 'operation', label: name, insert: name, doc: entry.doc }));
    if (waiters && Object.keys(waiters).length > 0 && !Object.hasOwn(operations, WAIT_WORD)) {
      choices.push({ kind: 'operation', label: WAIT_WORD, insert: WAIT_WORD, doc: `Wait until a condition is met: ${Object.keys(waiters).join(', ')}.` });
    }
    return this.result({ kind: 'operation', service }, 0, rankChoices(choices, this.word.text, this.mode, this.limit));
  }

  /** The `wait` commands of a service, as the AWS CLI names them. */
  waiters(service: ServiceWord, waiters: Record<string, WaiterSpec>): CompletionResult {
    const choices: Choice[] = Object.entries(waiters).map(([name, waiter]) => ({ kind: 'operation', label: name, insert: name, doc: waiter.doc }));
    return this.result({ kind: 'operation', service }, 0, rankChoices(choices, this.word.text, this.mode, this.limit));
  }

  arguments(service: ServiceWord, operation: string, entry: OperationSpec, words: readonly LineWord[]): CompletionResult {
    const args = readArguments(words, entry);
    const inline = optionWord(this.word);
    if (inline?.value !== undefined) {
      // --name=value: the value starts after the '='.
      return this.parameterValue(service, operation, entry, args, optionSpec(entry, inline.name), inline.name.length + 3);
    }
    const last = args.last;
    const typingOption = this.word.text.startsWith('-') && !this.word.quote;
    const arity = last ? arityOf(last.spec) : 'none';
    if (!typingOption && last && (arity === 'many' || (arity === 'one' && last.count === 0))) {
      return this.parameterValue(service, operation, entry, args, last.spec, 0);
    }
    const context: CompletionContext = { kind: 'parameter', service, operation, entry };
    const query = this.word.text.replace(/^-{1,2}/, '');
    const choices = parameterChoices(service, entry, args.given, this.options.defaultCluster);
    return this.result(context, 0, rankChoices(choices, query, this.mode, this.limit), { query });
  }

  private parameterValue(
    service: ServiceWord,
    operation: string,
    entry: OperationSpec,
    args: GivenArguments,
    spec: OptionSpec,
    from: number,
  ): CompletionResult {
    const param = spec.param && docInShell(service, spec.name, spec.param, this.options.defaultCluster);
    const resource = parameterResource(service, spec.name, param);
    const cluster = args.values.get('cluster')?.[0] ?? this.options.defaultCluster;
    const context: CompletionContext = {
      kind: 'value',
      service,
      operation,
      entry,
      parameter: spec.name,
      ...(param ? { param } : {}),
      ...(spec.option ? { option: spec.option } : {}),
      ...(resource ? { resource } : {}),
      // Only the names of a cluster's services, tasks and instances are that cluster's.
      ...(cluster !== undefined && resource && CLUSTER_SCOPED_KINDS.has(resource) ? { cluster } : {}),
    };
    const text = this.word.text.slice(from);
    const file = /^fileb?:\/\//.exec(text);
    if (file) return this.paths(context, from + file[0].length);
    const typed = new Set(param?.type === 'list' ? args.values.get(spec.name) ?? [] : []);
    const shorthand = param && !resource ? shorthandPoint(param.shape, text) : undefined;
    if (shorthand) {
      if (shorthand.key !== undefined) {
        const member = shorthand.members[shorthand.key];
        // An item of a list member (`subnets=[subnet-1,`) completes as the list's element.
        const element = member?.type === 'list' ? member.member : member;
        const values =
          element?.type === 'boolean' ? ['true', 'false'] : (element?.enum ?? documentedMemberValues(service, spec.name, shorthand.key, shorthand.siblings) ?? []);
        const memberResource = shorthandMemberResource(shorthand.key);
        const source = memberResource ? { resource: memberResource } : { values };
        const inside = shorthand.nested === true;
        const valueContext: CompletionContext = { ...context, shorthandKey: shorthand.key, ...(memberResource ? { resource: memberResource } : {}) };
        return this.values(valueContext, { ...source, inside }, from + shorthand.from, new Set(shorthand.typed), cluster);
      }
      const choices: Choice[] = Object.entries(shorthand.members)
        .filter(([name]) => !shorthand.given.has(name))
        .map(([name, shape]) => {
          const text = shorthandKeyText(name, shape, shorthand.nested === true);
          return { kind: 'shorthand-key', label: text, insert: text, noSpace: true, type: shape.type, required: shape.required === true };
        });
      const end = shorthand.nested ? { end: this.at + itemLength(this.rest) } : {};
      return this.result(context, from + shorthand.from, rankChoices(choices, shorthand.query, this.mode, this.limit), end);
    }
    if (spec.option?.name === 'cli-input-json' && FILE_PREFIX.startsWith(text)) {
      // The JSON is usually in a file: `file://` starts its path.
      const choice: Choice = { kind: 'value', label: FILE_PREFIX, insert: FILE_PREFIX, noSpace: true, doc: 'Read the JSON from a file (a path relative to the shell\'s directory).' };
      return this.result(context, from, rankChoices([choice], text, this.mode, this.limit));
    }
    const regions = spec.option?.name === 'region' ? this.options.regions : undefined;
    const values = spec.option?.values ?? regions ?? param?.enum ?? param?.shape?.member?.enum ?? documentedParameterValues(service, operation, spec.name, args.values);
    return this.values(context, { ...(values ? { values } : {}), ...(resource ? { resource } : {}) }, from, typed, cluster);
  }

  /** A path after `file://`, from the directory typed so far (relative to the shell's directory). */
  private paths(context: CompletionContext, from: number): CompletionResult {
    const entries = this.options.paths;
    if (!entries) return this.result(context, from, { candidates: [], total: 0 });
    const path = this.word.text.slice(from);
    const start = from + path.lastIndexOf('/') + 1;
    const found = pathChoices(path, entries, (entry) => entryInWord(entry, this.word.open));
    return this.result(context, start, rankChoices(found.choices, found.query, this.mode, this.limit));
  }

  /**
   * Candidates from a fixed list of values or from live resource names. A value `inside` braces or
   * brackets neither closes the word's quote nor ends the word: the structure goes on after it.
   */
  private values(
    context: CompletionContext,
    source: { values?: readonly string[]; resource?: ListedKind; inside?: boolean },
    from: number,
    exclude: ReadonlySet<string>,
    cluster?: string,
  ): CompletionResult {
    const query = this.word.text.slice(from);
    const fromStart = from === 0;
    const insert = (v: string) => (source.inside ? v : insertText(v, this.word, fromStart));
    const inside = source.inside ? { noSpace: true } : {};
    // Inside a structure, only the item at the cursor is replaced, not the rest of the word.
    const end = source.inside ? { end: this.at + itemLength(this.rest) } : {};
    if (source.values) {
      const choices = source.values.filter((v) => !exclude.has(v)).map((v) => ({ ...valueChoice('value', v, insert(v)), ...inside }));
      return this.result(context, from, rankChoices(choices, query, this.mode, this.limit), end);
    }
    if (!source.resource || !this.options.resources) return this.result(context, from, { candidates: [], total: 0 }, end);
    const lookup = this.options.resources.lookup(source.resource, cluster);
    const ranking = rankValues(lookup.values, query, this.mode, this.limit, exclude, (v) => {
      const doc = resourceDoc(lookup.values, v);
      return { kind: 'resource', label: v, insert: insert(v), ...inside, ...(doc ? { doc } : {}) };
    });
    return this.result(context, from, ranking, { ...end, pending: lookup.loading, ...(lookup.error ? { error: lookup.error } : {}) });
  }

  /** The answer, replacing the word at the cursor from its `from`th character to its end (or to `end`). */
  private result(
    context: CompletionContext,
    from: number,
    ranking: Ranking,
    extra: { query?: string; pending?: boolean; error?: string; end?: number } = {},
  ): CompletionResult {
    const start = from === 0 ? this.word.start : this.word.offsets[from] ?? this.at;
    return {
      context,
      query: extra.query ?? this.word.text.slice(from),
      replace: { start, end: extra.end ?? this.word.end },
      candidates: ranking.candidates,
      total: ranking.total,
      pending: extra.pending ?? false,
      ...(extra.error ? { error: extra.error } : {}),
    };
  }
}

/** The parameters not yet given (required first), then `--no-x` for booleans, then the global options. */
function parameterChoices(service: ServiceWord, entry: OperationSpec, given: ReadonlySet<string>, defaultCluster: string | undefined): Choice[] {
  // The CLI pages for you: the raw token and page-size members are not offered.
  const paged = new Set(entry.pagination ? [entry.pagination.inputToken, entry.pagination.limitKey] : []);
  const required: Choice[] = [];
  const optional: Choice[] = [];
  const negations: Choice[] = [];
  for (const [name, param] of Object.entries(entry.params)) {
    if (given.has(name) || paged.has(param.member)) continue;
    const doc = docInShell(service, name, param, defaultCluster).doc;
    const choice: Choice = { kind: 'parameter', label: `--${name}`, insert: `--${name}`, skip: 2, doc, type: param.type, required: param.required };
    (param.required ? required : optional).push(choice);
    if (param.type === 'boolean') {
      const negation = `--${param.negation ?? `no-${name}`}`;
      negations.push({ kind: 'parameter', label: negation, insert: negation, skip: 2, doc: `Turns --${name} off.`, type: 'boolean', required: false });
    }
  }
  const globals: Choice[] = GLOBAL_OPTIONS.filter((option) => !given.has(option.name) && (!option.paginated || entry.pagination)).map((option) => ({
    kind: 'global-option',
    label: `--${option.name}`,
    insert: `--${option.name}`,
    skip: 2,
    doc: option.doc,
    type: option.type,
  }));
  return [...required, ...optional, ...negations, ...globals];
}
