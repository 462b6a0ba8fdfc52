// Reads the arguments typed after `<service> <operation>`: which parameters are given (so they
// leave the menu), their values, and which parameter the word at the cursor belongs to.
import type { OperationSpec, ParamSpec } from '../commands/index.js';
import { globalOption, type GlobalOption } from './global-options.js';
import type { LineWord } from './line-words.js';

/** What an option word names: an operation parameter (maybe negated) or a global option. */
export interface OptionSpec {
  /** The parameter's CLI name (the positive one for `--no-x`). */
  name: string;
  param?: ParamSpec;
  option?: GlobalOption;
  /** `--no-x` or the CLI's renamed negation. */
  negated: boolean;
}

export type Arity = 'none' | 'one' | 'many';

export interface GivenArguments {
  /** CLI names of the parameters and global options already on the line. */
  given: Set<string>;
  /** The value words typed for each parameter. */
  values: Map<string, string[]>;
  /** The last option before the cursor and how many value words follow it. */
  last?: { spec: OptionSpec; count: number };
}

/** Resolves `--name` (without dashes) against an operation's parameters and the global options. */
export function optionSpec(entry: OperationSpec, name: string): OptionSpec {
  const param = entry.params[name];
  if (param) return { name, param, negated: false };
  const option = globalOption(name);
  if (option) return { name, option, negated: false };
  for (const [cliName, candidate] of Object.entries(entry.params)) {
    if (candidate.type !== 'boolean') continue;
    if (candidate.negation === name || (!candidate.negation && name === `no-${cliName}`)) return { name: cliName, param: candidate, negated: true };
  }
  return { name, negated: false };
}

/** How many value words an option takes: none (flags), one, or many (lists, space-separated). */
export function arityOf(spec: OptionSpec): Arity {
  if (spec.negated) return 'none';
  if (spec.param) return spec.param.type === 'boolean' ? 'none' : spec.param.type === 'list' ? 'many' : 'one';
  if (spec.option) return spec.option.type === 'flag' ? 'none' : 'one';
  return 'one';
}

/** Reads the complete argument words before the cursor. */
export function readArguments(words: readonly LineWord[], entry: OperationSpec): GivenArguments {
  const result: GivenArguments = { given: new Set(), values: new Map() };
  for (const word of words) {
    const option = optionWord(word);
    if (option) {
      const spec = optionSpec(entry, option.name);
      result.given.add(spec.name);
      const values: string[] = option.value === undefined ? [] : [option.value];
      result.values.set(spec.name, values);
      result.last = { spec, count: values.length };
    } else if (result.last) {
      result.values.get(result.last.spec.name)!.push(word.text);
      result.last.count++;
    }
  }
  return result;
}

/** `--name` or `--name=value`; a quoted word is always a value. */
export function optionWord(word: LineWord): { name: string; value?: string } | undefined {
  if (word.quote || !word.text.startsWith('--') || word.text.length < 3) return undefined;
  const equals = word.text.indexOf('=');
  if (equals < 0) return { name: word.text.slice(2) };
  return { name: word.text.slice(2, equals), value: word.text.slice(equals + 1) };
}
