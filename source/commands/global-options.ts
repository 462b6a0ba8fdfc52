import type { OperationSpec } from './api-index.js';
import { CommandError } from './errors.js';
import { checkQuery } from './query.js';
import { enumProblem } from './validate-input.js';

export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** How a call is made and shown: the AWS CLI's own options, apart from the operation's. */
export interface CallOptions {
  output?: OutputFormat;
  query?: string;
  /** Whether pages are gathered into one result (off with --no-paginate, or when a token or limit is given by hand). */
  paginate: boolean;
  maxItems?: number;
  startingToken?: string;
  pageSize?: number;
  /** The CLI's per-command --region: this call goes to that region; the session's stays. */
  region?: string;
}

/** The CLI's options as they were typed: flags, and options with their words. */
export interface GlobalOptionWords {
  flags: Set<string>;
  values: Map<string, string[]>;
}

const VALUE_OPTIONS = new Set(['query', 'output', 'max-items', 'starting-token', 'page-size', 'cli-input-json', 'cli-input-yaml', 'region']);
const FLAG_OPTIONS = new Set(['no-paginate', 'no-cli-pager']);
export const PAGING_OPTIONS: readonly string[] = ['max-items', 'starting-token', 'page-size'];
const SKELETON_FORMATS = ['input', 'yaml-input'];
const REGION_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

export const GLOBAL_OPTION_NAMES: ReadonlySet<string> = new Set([...VALUE_OPTIONS, ...FLAG_OPTIONS, 'generate-cli-skeleton']);

/** Options of the AWS CLI that belong to the session in ecsh, with how to set them. */
export const SESSION_OPTIONS: Record<string, string> = {
  profile: 'change it with .profile NAME',
  'endpoint-url': 'start ecsh with --endpoint-url URL',
};

/** The format --generate-cli-skeleton asks for, or undefined when it was not given. */
export function skeletonFormat(globals: GlobalOptionWords): 'json' | 'yaml' | undefined {
  if (globals.flags.has('generate-cli-skeleton')) return 'json';
  const words = globals.values.get('generate-cli-skeleton');
  if (!words) return undefined;
  const [format] = words;
  if (words.length === 1 && format === 'input') return 'json';
  if (words.length === 1 && format === 'yaml-input') return 'yaml';
  if (format === 'output') throw new CommandError('--generate-cli-skeleton output is not supported by ecsh; use input or yaml-input');
  throw new CommandError(`invalid value '${words.join(' ')}' for --generate-cli-skeleton; valid values: ${SKELETON_FORMATS.join(', ')}`);
}

export function readGlobalOptions(globals: GlobalOptionWords, operation: OperationSpec, operationWord: string, input: Record<string, unknown>): CallOptions {
  for (const flag of globals.flags) {
    if (VALUE_OPTIONS.has(flag)) throw new CommandError(`--${flag} expects a value`);
  }
  for (const [name, words] of globals.values) {
    if (FLAG_OPTIONS.has(name)) throw new CommandError(`--${name} takes no value`);
    if (words.length > 1) throw new CommandError(`--${name} takes one value but got ${words.length}; quote it if it contains spaces`);
  }
  const value = (name: string) => globals.values.get(name)?.[0];
  const options: CallOptions = { paginate: false };

  const output = value('output');
  if (output !== undefined) {
    if (output === 'yaml-stream') throw new CommandError('--output yaml-stream is not supported by ecsh; use yaml');
    const problem = enumProblem(output, OUTPUT_FORMATS);
    if (problem) throw new CommandError(`invalid value '${output}' for --output; ${problem}`);
    options.output = output as OutputFormat;
  }
  const query = value('query');
  if (query !== undefined) {
    checkQuery(query);
    options.query = query;
  }
  const region = value('region');
  if (region !== undefined) {
    // botocore's check of a region name, before any request.
    if (!REGION_NAME.test(region)) throw new CommandError(`Provided region_name '${region}' doesn't match a supported format.`);
    options.region = region;
  }

  const paging = PAGING_OPTIONS.filter((name) => globals.values.has(name));
  const pagination = operation.pagination;
  if (!pagination) {
    if (paging.length > 0) throw new CommandError(`--${paging[0]} is only for operations that return pages; ${operationWord} does not`);
    return options;
  }
  // As in the CLI, a page token or page limit given by hand means one call, not all pages.
  const manual = [pagination.inputToken, pagination.limitKey].filter((key) => key !== undefined && input[key] !== undefined);
  const noPaginate = globals.flags.has('no-paginate');
  if ((noPaginate || manual.length > 0) && paging.length > 0) {
    const why = noPaginate ? '--no-paginate' : `a page token or limit given by hand (${manual.join(', ')})`;
    throw new CommandError(`cannot use ${why} together with --${paging[0]}`);
  }
  options.paginate = !noPaginate && manual.length === 0;
  options.maxItems = positiveInteger('max-items', value('max-items'));
  options.pageSize = positiveInteger('page-size', value('page-size'));
  options.startingToken = value('starting-token');
  if (options.pageSize !== undefined && !pagination.limitKey) {
    throw new CommandError(`--page-size is not available for ${operationWord}: it has no page size parameter`);
  }
  return options;
}

function positiveInteger(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CommandError(`--${name} expects a positive integer, got '${text}'`);
  return Number(text);
}
