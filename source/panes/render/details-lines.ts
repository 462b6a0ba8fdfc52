import type { CommandResult, FormatOptions } from '../../commands/index.js';

/** What the details view shows for a row: the describe call's output for that one resource. */
export interface DescribeOutput {
  /** The API operation, e.g. DescribeTasks. */
  operation: string;
  output: Record<string, unknown>;
}

export type FormatResult = (result: CommandResult, options: FormatOptions) => string;

/** The describe output as the CLI prints it with `--output yaml`: narrow enough for a pane, complete. */
export function detailsLines(described: DescribeOutput, format: FormatResult): string[] {
  const text = format({ service: 'ecs', operation: described.operation, output: described.output }, { output: 'yaml' });
  return text.replace(/\n$/, '').split('\n');
}
