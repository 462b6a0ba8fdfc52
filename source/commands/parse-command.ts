import {
  isScalarType,
  shapeOfParam,
  WAIT_WORD,
  type ApiIndex,
  type OperationSpec,
  type ParamSpec,
  type ServiceIndex,
  type Shape,
  type WaiterSpec,
} from './api-index.js';
import { applyCliCustomizations, cliOperation } from './customizations.js';
import { CommandError } from './errors.js';
import {
  GLOBAL_OPTION_NAMES,
  PAGING_OPTIONS,
  SESSION_OPTIONS,
  readGlobalOptions,
  skeletonFormat,
  type CallOptions,
  type GlobalOptionWords,
} from './global-options.js';
import { yaml as yamlModule } from './lazy-modules.js';
import { coerce, paramError, paramValue } from './param-value.js';
import { readParamFile } from './paramfile.js';
import { renderSkeleton } from './skeleton.js';
import { didYouMean } from './suggest.js';
import { tokenize, type Token } from './tokenize.js';
import { enumProblem, isPlainObject, validateInput } from './validate-input.js';

export interface ParsedCall {
  kind: 'call';
  service: ServiceIndex;
  operation: OperationSpec;
  /** The operation as typed, in the CLI's kebab-case (list-clusters), or the wait command (wait services-stable). */
  operationWord: string;
  /** The API input, ready for `new ${operation.name}Command(input)`. */
  input: Record<string, unknown>;
  options: CallOptions;
  /** For `SERVICE wait NAME`: the waiter that polls the operation with the input until it is done. */
  waiter?: WaiterSpec;
}

export interface ParsedSkeleton {
  kind: 'skeleton';
  service: ServiceIndex;
  operation: OperationSpec;
  operationWord: string;
  /** The skeleton, rendered as the CLI prints it. */
  text: string;
}

export type ParsedCommand = ParsedCall | ParsedSkeleton;

export interface ParseOptions {
  index: ApiIndex;
  /** Where file:// paths are relative to (default: the process's working directory). */
  cwd?: string;
  /** The shell's `.cluster`: --cluster for every ECS operation that takes one and was given none. */
  defaultCluster?: string;
}

/**
 * A line of the command language (`[aws] SERVICE OPERATION [--option value ...]`) as the
 * AWS CLI reads it, checked against the index: the operation and its options exist, values
 * have the parameter's type, required parameters are there and enum values are valid, all
 * before anything is sent. Errors are one line, with a suggestion where one is near.
 */
export function parseCommand(line: string | readonly (string | Token)[], options: ParseOptions): ParsedCommand {
  const words = (typeof line === 'string' ? tokenize(line) : line).map((w) =>
    typeof w === 'string' ? { value: w, quoted: false } : { value: w.value, quoted: w.quoted },
  );
  if (words[0]?.value === 'aws') words.shift();
  const service = findService(words[0]?.value, options.index);
  const { operation, operationWord, waiter, rest } = findCommand(service, words.slice(1).map((w) => w.value), options.index);
  const { params, globals } = readOptions(words.slice(rest), operation, operationWord);

  const skeleton = skeletonFormat(globals);
  if (skeleton !== undefined) {
    return { kind: 'skeleton', service, operation, operationWord, text: renderSkeleton(operation, skeleton) };
  }

  const cwd = options.cwd ?? process.cwd();
  const members = memberShapes(operation);
  const input = baseInput(globals, members, cwd);
  const cliArguments: Record<string, unknown> = {};
  for (const [cliName, given] of params) {
    const value = given.preset ?? paramValue(cliName, given.param, given.words, cwd);
    if (given.param.cliArgument) {
      cliArguments[cliName] = value;
      continue;
    }
    input[given.param.member] = value;
    checkTopLevelEnum(cliName, given.param, value);
  }
  const clusterParam = operation.params.cluster;
  if (service.service === 'ecs' && options.defaultCluster && clusterParam && input[clusterParam.member] === undefined) {
    input[clusterParam.member] = options.defaultCluster;
  }
  // With an input document, the CLI leaves required members to the parameter check, which names them as the document does.
  const fromDocument = globals.values.has('cli-input-json') || globals.values.has('cli-input-yaml');
  const missing = Object.entries(operation.params).filter(([, p]) => p.required && input[p.member] === undefined);
  if (missing.length > 0 && !fromDocument) {
    throw new CommandError(`the following arguments are required: ${missing.map(([name]) => `--${name}`).join(', ')}`);
  }
  validateInput(input, members, { required: fromDocument });
  applyCliCustomizations(service.service, operation.name, input, { cliArguments, typed: new Set(params.keys()) });
  const callOptions = readGlobalOptions(globals, operation, operationWord, input);
  return { kind: 'call', service, operation, operationWord, input, options: callOptions, ...(waiter ? { waiter } : {}) };
}

interface GivenParam {
  param: ParamSpec;
  words: string[];
  /** The value of a flag: true or false for --x / --no-x, {Value: ...} for EC2's boolean structures. */
  preset?: unknown;
}

function findService(word: string | undefined, index: ApiIndex): ServiceIndex {
  const available = index.services.join(', ');
  if (word === undefined) throw new CommandError(`expected a service (${available}), then an operation`);
  const service = index.service(word);
  if (!service) {
    const hint = didYouMean(word, index.services);
    throw new CommandError(`unknown service '${word}'${hint || `; the services are ${available}`}`);
  }
  return service;
}

interface FoundCommand {
  operation: OperationSpec;
  operationWord: string;
  waiter?: WaiterSpec;
  /** Where the options start among the line's words. */
  rest: number;
}

/** The operation (`ecs list-clusters`) or the wait command (`ecs wait services-stable`) a line names. */
function findCommand(service: ServiceIndex, words: readonly string[], index: ApiIndex): FoundCommand {
  const [first, second] = words;
  const waiters = Object.keys(service.waiters ?? {});
  if (first !== WAIT_WORD || waiters.length === 0 || Object.hasOwn(service.operations, first)) {
    return { operation: findOperation(service, first), operationWord: first!, rest: 2 };
  }
  const example = waiters.find((name) => name.endsWith('-stable') || name.endsWith('-running')) ?? waiters[0];
  if (second === undefined || second.startsWith('--')) {
    throw new CommandError(`expected what to wait for after '${service.service} wait', such as ${service.service} wait ${example} (.help ${service.service} wait lists them)`);
  }
  const command = index.waiter(service.service, second);
  if (!command) {
    const hint = didYouMean(second, waiters);
    throw new CommandError(`unknown waiter '${second}' for ${service.service} wait${hint || `; .help ${service.service} wait lists them`}`);
  }
  // A waiter sends the operation's request as it is, one page, at every check.
  const { pagination: _pages, ...operation } = command.operation;
  return { operation, operationWord: `${WAIT_WORD} ${second}`, waiter: command.waiter, rest: 3 };
}

function findOperation(service: ServiceIndex, word: string | undefined): OperationSpec {
  if (word === undefined) {
    const example = Object.keys(service.operations).find((name) => name.startsWith('list-') || name.startsWith('describe-'));
    throw new CommandError(`expected an operation after '${service.service}'${example ? `, such as ${service.service} ${example}` : ''}`);
  }
  const operation = Object.hasOwn(service.operations, word) ? service.operations[word] : undefined;
  if (!operation) {
    const commands = Object.keys(service.operations);
    if (service.waiters && Object.keys(service.waiters).length > 0) commands.push(WAIT_WORD);
    const hint = didYouMean(word, commands);
    throw new CommandError(`unknown operation '${word}'${hint || ` for ${service.service}`}`);
  }
  return cliOperation(service.service, word, operation);
}

/** Splits the words after the operation into its parameters and the CLI's own options. */
function readOptions(
  words: { value: string; quoted: boolean }[],
  operation: OperationSpec,
  operationWord: string,
): { params: Map<string, GivenParam>; globals: GlobalOptionWords } {
  const params = new Map<string, GivenParam>();
  const globals: GlobalOptionWords = { flags: new Set(), values: new Map() };
  const isOption = (w: { value: string; quoted: boolean }) => !w.quoted && w.value.startsWith('--') && w.value.length > 2;
  let i = 0;
  while (i < words.length) {
    const word = words[i++]!;
    if (!isOption(word)) {
      throw new CommandError(`unexpected argument '${word.value}'; a value must follow its option, as in --option value`);
    }
    let name = word.value.slice(2);
    const values: string[] = [];
    const eq = name.indexOf('=');
    if (eq > 0) {
      values.push(name.slice(eq + 1));
      name = name.slice(0, eq);
    }
    while (i < words.length && !isOption(words[i]!)) values.push(words[i++]!.value);

    if (isGlobalOption(name, operation)) {
      if (globals.flags.has(name) || globals.values.has(name)) throw new CommandError(`--${name} was given more than once`);
      if (values.length === 0) globals.flags.add(name);
      else globals.values.set(name, values);
      continue;
    }
    if (Object.hasOwn(SESSION_OPTIONS, name)) {
      throw new CommandError(`--${name} applies to the whole session here: ${SESSION_OPTIONS[name]}`);
    }
    const { param, key, negated } = findParam(name, operation, operationWord);
    if (params.has(key)) throw new CommandError(`--${key} was given more than once`);
    params.set(key, givenParam(name, key, param, negated, values));
  }
  return { params, globals };
}

/**
 * The CLI's own options come first, except that a paging option the operation's pages do
 * not use leaves the operation's parameter of that name alone (ELB's PageSize is --page-size).
 */
function isGlobalOption(name: string, operation: OperationSpec): boolean {
  if (!GLOBAL_OPTION_NAMES.has(name)) return false;
  if (!PAGING_OPTIONS.includes(name) || !Object.hasOwn(operation.params, name)) return true;
  const pagination = operation.pagination;
  return pagination !== undefined && (name !== 'page-size' || pagination.limitKey !== undefined);
}

function findParam(name: string, operation: OperationSpec, operationWord: string): { param: ParamSpec; key: string; negated: boolean } {
  const direct = Object.hasOwn(operation.params, name) ? operation.params[name] : undefined;
  if (direct) return { param: direct, key: name, negated: false };
  // The CLI renames some negations (--enable-execute-command / --disable-execute-command); those have no --no- form.
  for (const [cli, p] of Object.entries(operation.params)) if (p.negation === name) return { param: p, key: cli, negated: true };
  const base = name.slice(3);
  const negated = name.startsWith('no-') && Object.hasOwn(operation.params, base) ? operation.params[base] : undefined;
  if (negated && takesFlag(negated) && !negated.negation) return { param: negated, key: base, negated: true };
  if (negated?.negation) throw new CommandError(`unknown option '--${name}' for ${operationWord}; did you mean --${negated.negation}?`);
  if (negated) throw new CommandError(`--${base} takes a value; only flags (booleans) have a --no- form`);
  const candidates = [...Object.keys(operation.params), ...GLOBAL_OPTION_NAMES];
  for (const [cli, p] of Object.entries(operation.params)) if (takesFlag(p)) candidates.push(p.negation ?? `no-${cli}`);
  const hint = didYouMean(name, candidates, (s) => `--${s}`);
  throw new CommandError(`unknown option '--${name}' for ${operationWord}${hint}`);
}

/**
 * Booleans are flags (--x / --no-x). So are EC2's {Value: boolean} structures
 * (--source-dest-check / --no-source-dest-check), as in the CLI, which also takes them as a value.
 */
function takesFlag(param: ParamSpec): boolean {
  return param.type === 'boolean' || isBooleanValueStructure(param);
}

function isBooleanValueStructure(param: ParamSpec): boolean {
  const members = param.type === 'structure' ? param.shape?.members : undefined;
  return members !== undefined && Object.keys(members).length === 1 && members.Value?.type === 'boolean';
}

function givenParam(name: string, key: string, param: ParamSpec, negated: boolean, values: string[]): GivenParam {
  const flagOnly = param.type === 'boolean' || negated;
  if (flagOnly && values.length > 0) throw new CommandError(`--${name} takes no value; use --${key} or --${param.negation ?? `no-${key}`}`);
  if (param.type === 'boolean') return { param, words: [], preset: !negated };
  if (isBooleanValueStructure(param) && values.length === 0) return { param, words: [], preset: { Value: !negated } };
  if (values.length === 0) {
    const form = param.shorthand ? ` (JSON or shorthand: ${param.shorthand})` : '';
    throw new CommandError(`--${name} expects ${param.type === 'list' ? `one or more values${form}` : `a value (${describeType(param)})`}`);
  }
  if (param.type !== 'list' && values.length > 1) {
    throw new CommandError(`--${name} takes one value but got ${values.length}: ${values.map((v) => `'${v}'`).join(' ')}; quote a value that contains spaces`);
  }
  return { param, words: values };
}

function describeType(param: ParamSpec): string {
  if (param.shorthand) return `JSON or shorthand: ${param.shorthand}`;
  if (param.type === 'structure' || param.type === 'map') return 'JSON or shorthand such as key=value';
  return param.type;
}

function memberShapes(operation: OperationSpec): Record<string, Shape> {
  const members: Record<string, Shape> = {};
  for (const param of Object.values(operation.params)) {
    if (!param.cliArgument) members[param.member] = { ...shapeOfParam(param), ...(param.required ? { required: true } : {}) };
  }
  return members;
}

/** What --cli-input-json or --cli-input-yaml gives; options on the line then override it. */
function baseInput(globals: GlobalOptionWords, members: Record<string, Shape>, cwd: string): Record<string, unknown> {
  const json = globals.values.get('cli-input-json');
  const yaml = globals.values.get('cli-input-yaml');
  if (json && yaml) throw new CommandError('--cli-input-json and --cli-input-yaml cannot be used together');
  const option = json ? 'cli-input-json' : yaml ? 'cli-input-yaml' : undefined;
  if (!option) return {};
  const words = (json ?? yaml)!;
  if (words.length !== 1) throw new CommandError(`--${option} takes one value; quote the document or give file://PATH`);
  let text = words[0]!;
  const file = readParamFileFor(option, text, cwd);
  if (file !== undefined) text = file;
  let document: unknown;
  try {
    document = json ? JSON.parse(text) : yamlModule().parse(text);
  } catch (error) {
    throw paramError(option, `Invalid ${json ? 'JSON' : 'YAML'}: ${oneLine((error as Error).message)}`);
  }
  if (document === null || document === undefined) return {};
  if (!isPlainObject(document)) throw paramError(option, `Invalid ${json ? 'JSON' : 'YAML'}: expected an object of parameters, as --generate-cli-skeleton prints`);
  return coerce(document, { type: 'structure', members }, false) as Record<string, unknown>;
}

function readParamFileFor(option: string, text: string, cwd: string): string | undefined {
  try {
    const file = readParamFile(text, cwd);
    if (file?.kind === 'bytes') return Buffer.from(file.bytes).toString('utf8');
    return file?.text;
  } catch (error) {
    throw paramError(option, (error as Error).message);
  }
}

/** An enum value typed on the line is named by its option, with the nearest valid value. */
function checkTopLevelEnum(cliName: string, param: ParamSpec, value: unknown): void {
  const shape = shapeOfParam(param);
  const allowed = shape.type === 'list' ? shape.member?.enum : isScalarType(shape.type) ? shape.enum : undefined;
  if (!allowed) return;
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item !== 'string') continue;
    const problem = enumProblem(item, allowed);
    if (problem) throw new CommandError(`invalid value '${item}' for --${cliName}; ${problem}`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
