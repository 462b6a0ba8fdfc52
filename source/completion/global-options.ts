// The options every API command takes besides its own parameters (the AWS CLI's global and
// pagination options that the command language supports).
import type { ShapeType } from '../commands/index.js';

export interface GlobalOption {
  name: string;
  doc: string;
  /** 'flag' takes no value. */
  type: ShapeType | 'flag';
  values?: readonly string[];
  /** Only for operations that page their results. */
  paginated?: boolean;
}

export const GLOBAL_OPTIONS: readonly GlobalOption[] = [
  { name: 'query', doc: 'JMESPath expression that picks what to show from the response.', type: 'string' },
  { name: 'output', doc: 'Output format.', type: 'string', values: ['json', 'table', 'text', 'yaml'] },
  { name: 'cli-input-json', doc: 'Read the parameters from JSON (or file://path).', type: 'string' },
  {
    name: 'generate-cli-skeleton',
    doc: 'Print a JSON template of the parameters (input) or of the response (output) instead of calling.',
    type: 'string',
    values: ['input', 'yaml-input'],
  },
  { name: 'region', doc: 'Run this command in another region (the session keeps its own).', type: 'string' },
  { name: 'max-items', doc: 'Stop after this many items in all, across pages.', type: 'integer', paginated: true },
  { name: 'starting-token', doc: 'Continue from the NextToken a previous --max-items call printed.', type: 'string', paginated: true },
  { name: 'page-size', doc: 'Items per API call (does not change the total).', type: 'integer', paginated: true },
  { name: 'no-paginate', doc: 'Make only the first API call instead of gathering all pages.', type: 'flag', paginated: true },
];

export function globalOption(name: string): GlobalOption | undefined {
  return GLOBAL_OPTIONS.find((option) => option.name === name);
}
