import type { ParamSpec } from './api-index.js';
import { CommandError } from './errors.js';

/**
 * `ec2 run-instances --count`: the AWS CLI's own argument in place of MinCount and MaxCount.
 * `--count 3` launches exactly three, `--count 1:3` at least one and up to three, and with
 * no count at all the CLI asks for one instance.
 */

export const COUNT_ARGUMENT: ParamSpec = {
  member: 'count',
  type: 'string',
  required: false,
  doc: 'Number of instances to launch: N, or a range MIN:MAX (default 1).',
  cliArgument: true,
};

/** The API's count members, made optional because the CLI fills them in. */
export const COUNT_MEMBERS = ['min-count', 'max-count'] as const;

const DEFAULT_COUNT = 1;

/**
 * Sets MinCount and MaxCount from --count, or to 1 when neither is there (one given alone
 * stands for both). `typed` names the options on the line, which --count may not repeat.
 */
export function applyRunInstancesCount(input: Record<string, unknown>, count: unknown, typed: ReadonlySet<string>): void {
  if (count !== undefined) {
    const repeated = COUNT_MEMBERS.filter((name) => typed.has(name)).map((name) => `--${name}`);
    if (repeated.length > 0) throw new CommandError(`--count cannot be given with ${repeated.join(' and ')}; give the range as --count MIN:MAX`);
    Object.assign(input, parseCount(String(count)));
    return;
  }
  const min = input.MinCount ?? input.MaxCount ?? DEFAULT_COUNT;
  const max = input.MaxCount ?? input.MinCount ?? DEFAULT_COUNT;
  input.MinCount = min;
  input.MaxCount = max;
}

/** Worded as the command language words a bad parameter value. */
const countError = (problem: string) => new CommandError(`Error parsing parameter '--count': ${problem}`);

function parseCount(text: string): { MinCount: number; MaxCount: number } {
  const match = /^(\d+)(?::(\d+))?$/.exec(text.trim());
  if (!match) throw countError(`expected a number of instances or a range MIN:MAX, as in 2 or 1:3, but got '${text}'`);
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min < 1) throw countError(`at least one instance must be launched, but got '${text}'`);
  if (max < min) throw countError(`the minimum ${min} is more than the maximum ${max}; give the smaller number first, as in ${max}:${min}`);
  return { MinCount: min, MaxCount: max };
}
