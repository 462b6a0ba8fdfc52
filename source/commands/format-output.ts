import { toCliData, type TimeZoneStyle } from './cli-data.js';
import type { OutputFormat } from './global-options.js';
import { getPath, setPath } from './key-path.js';
import { yaml } from './lazy-modules.js';
import { applyQuery } from './query.js';
import type { CommandResult } from './run-command.js';
import { renderTable } from './table.js';
import { renderText } from './text.js';

export interface FormatOptions {
  output?: OutputFormat;
  query?: string;
  /** Columns of the terminal: a wider table turns its single-row sections vertical (default 80). */
  terminalWidth?: number;
}

/** Services whose timestamps arrive as epoch seconds, which the CLI shows in local time. */
const EPOCH_TIME_SERVICES = new Set(['ecs']);

/**
 * A result as the AWS CLI prints it with --output and --query. json, yaml and table apply
 * the query to the whole result; text, like the CLI, prints the pages one by one and applies
 * the query to each (and ends with the token to resume from after --max-items).
 */
export function formatResult(result: CommandResult, options: FormatOptions = {}): string {
  const zone: TimeZoneStyle = EPOCH_TIME_SERVICES.has(result.service) ? 'local' : 'utc';
  const output = options.output ?? 'json';
  const query = (data: unknown) => (options.query === undefined ? data : applyQuery(data, options.query));

  if (output === 'text') {
    const paged = result.paged;
    if (!paged) return renderText(query(toCliData(result.output, zone)));
    const parts = paged.pages.map((page, i) => {
      const current: Record<string, unknown> = i === 0 ? { ...(toCliData(paged.nonAggregate, zone) as object) } : {};
      for (const key of paged.resultKeys) setPath(current, key, toCliData(getPath(page, key), zone) ?? null);
      return renderText(query(current));
    });
    if (paged.resumeToken !== undefined) parts.push(renderText(query({ NextToken: { NextToken: paged.resumeToken } })));
    return parts.join('');
  }

  const data = query(toCliData(result.output, zone));
  switch (output) {
    case 'json':
      return isEmptyRecord(data) ? '' : `${JSON.stringify(data, null, 4)}\n`;
    case 'yaml':
      return isEmptyRecord(data) ? '' : renderYaml(data);
    case 'table':
      return renderTable(result.operation, data, options.terminalWidth);
  }
}

/** The CLI prints nothing for an empty response ({}), but does print [], null and "". */
function isEmptyRecord(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.keys(data).length === 0;
}

/** Strings the CLI's YAML writer quotes because YAML 1.1 would read them as timestamps. */
const TIMESTAMP_LIKE = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

/**
 * YAML as the CLI's writer (ruamel, block style) lays it out: list items at their parent's
 * indentation and single quotes where quoting is needed. A bare scalar (what a --query can
 * give) is written as JSON, as the CLI writes it: "name", 1, null, false.
 */
export function renderYaml(data: unknown): string {
  if (typeof data !== 'object' || data === null) return `${JSON.stringify(data ?? null)}\n`;
  const { Document, visit } = yaml();
  const document = new Document(data);
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && TIMESTAMP_LIKE.test(node.value)) node.type = 'QUOTE_SINGLE';
    },
  });
  return document.toString({ indentSeq: false, singleQuote: true, lineWidth: 80 });
}
