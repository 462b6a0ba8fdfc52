import type { PaginationSpec } from './api-index.js';
import { CommandError } from './errors.js';
import { getPath, setPath } from './key-path.js';

export type Page = Record<string, unknown>;

export interface PagingOptions {
  maxItems?: number;
  startingToken?: string;
  pageSize?: number;
}

export interface GatheredPages {
  /** The pages as shown: the first cut after a --starting-token, the last cut at --max-items. */
  pages: Page[];
  /** The pages merged as the CLI merges them: result keys joined, non-aggregate keys from the first page. */
  result: Page;
  nonAggregate: Page;
  /** Where to resume (--starting-token) when --max-items stopped early. */
  resumeToken?: string;
}

/**
 * Gathers every page of a paginated operation the way the AWS CLI does (botocore's page
 * iterator), so that --max-items, --starting-token and --page-size give the same items and
 * the same resume tokens: a token is base64 of `{"nextToken": ..., "boto_truncate_amount": n}`,
 * where the amount says how many items of that page were already shown.
 */
export async function gatherPages(
  spec: PaginationSpec,
  input: Page,
  options: PagingOptions,
  send: (input: Page) => Promise<Page>,
): Promise<GatheredPages> {
  const params: Page = { ...input };
  let requestToken: unknown = null;
  let skip = 0;
  if (options.startingToken !== undefined) {
    ({ token: requestToken, skip } = decodeStartingToken(options.startingToken, spec.inputToken));
    if (requestToken !== null) params[spec.inputToken] = requestToken;
  }
  if (options.pageSize !== undefined && spec.limitKey) params[spec.limitKey] = options.pageSize;

  const [primary] = spec.resultKeys;
  const pages: Page[] = [];
  let nonAggregate: Page = {};
  let total = 0;
  let resumeToken: string | undefined;
  let previousToken: unknown;
  for (let first = true; ; first = false) {
    const page = await send({ ...params });
    // Items of the first page already shown before the resume point, counted again in the next token.
    const skipped = first ? skip : 0;
    if (first) {
      if (options.startingToken !== undefined) skipShownItems(page, spec, skip);
      nonAggregate = pick(page, spec.nonAggregateKeys ?? []);
    }
    const items = primary === undefined ? undefined : getPath(page, primary);
    const count = Array.isArray(items) || typeof items === 'string' ? items.length : 0;
    const over = options.maxItems === undefined ? 0 : total + count - options.maxItems;
    if (over > 0) {
      const keep = count - over;
      setPath(page, primary!, (items as unknown[] | string).slice(0, keep));
      // The same page is asked for again on resume, so the token is the one that fetched it.
      resumeToken = encodeToken(spec.inputToken, requestToken, keep + skipped);
      pages.push(page);
      break;
    }
    pages.push(page);
    total += count;
    const next = nextTokenOf(page, spec);
    if (next === null) break;
    if (options.maxItems !== undefined && total === options.maxItems) {
      resumeToken = encodeToken(spec.inputToken, next);
      break;
    }
    if (previousToken !== undefined && previousToken === next) {
      throw new CommandError(`The same next token was received twice: ${String(next)}`);
    }
    params[spec.inputToken] = next;
    requestToken = next;
    previousToken = next;
  }
  return { pages, result: mergePages(pages, spec, nonAggregate, resumeToken), nonAggregate, resumeToken };
}

function nextTokenOf(page: Page, spec: PaginationSpec): unknown {
  if (spec.moreResults !== undefined && !getPath(page, spec.moreResults)) return null;
  const token = getPath(page, spec.outputToken);
  // An empty token means the end, as in botocore.
  return token === undefined || token === null || token === '' ? null : token;
}

/** Drops the items of the first page that were shown before the resume point. */
function skipShownItems(page: Page, spec: PaginationSpec, skip: number): void {
  const [primary, ...secondary] = spec.resultKeys;
  if (primary === undefined) return;
  const items = getPath(page, primary);
  setPath(page, primary, Array.isArray(items) || typeof items === 'string' ? items.slice(skip) : null);
  // Secondary keys were shown whole with the page before, so they start empty here.
  for (const key of secondary) {
    const sample = getPath(page, key);
    setPath(page, key, Array.isArray(sample) ? [] : typeof sample === 'string' ? '' : typeof sample === 'number' ? 0 : null);
  }
}

function mergePages(pages: Page[], spec: PaginationSpec, nonAggregate: Page, resumeToken: string | undefined): Page {
  const result: Page = {};
  for (const page of pages) {
    for (const key of spec.resultKeys) {
      const value = getPath(page, key);
      if (value === undefined || value === null) continue;
      const existing = getPath(result, key);
      if (existing === undefined || existing === null) setPath(result, key, Array.isArray(value) ? [...value] : value);
      else if (Array.isArray(existing) && Array.isArray(value)) existing.push(...value);
      else if (typeof existing === 'number' && typeof value === 'number') setPath(result, key, existing + value);
      else if (typeof existing === 'string' && typeof value === 'string') setPath(result, key, existing + value);
    }
  }
  Object.assign(result, structuredClone(nonAggregate));
  if (resumeToken !== undefined) result.NextToken = resumeToken;
  return result;
}

/** botocore's token: base64 of the JSON that Python's json.dumps writes, so the CLI's tokens work here. */
export function encodeToken(inputToken: string, token: unknown, truncateAmount?: number): string {
  const entries: [string, unknown][] = [[inputToken, token ?? null]];
  if (truncateAmount !== undefined) entries.push(['boto_truncate_amount', truncateAmount]);
  const json = `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`;
  return Buffer.from(json, 'utf8').toString('base64');
}

export function decodeStartingToken(text: string, inputToken: string): { token: unknown; skip: number } {
  const bad = () => new CommandError(`Bad starting token: ${text}`);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw bad();
  const keys = Object.keys(decoded).sort();
  const record = decoded as Record<string, unknown>;
  const expected = 'boto_truncate_amount' in record ? [inputToken, 'boto_truncate_amount'].sort() : [inputToken];
  if (keys.join('\n') !== expected.join('\n')) throw bad();
  const skip = record.boto_truncate_amount ?? 0;
  if (typeof skip !== 'number' || !Number.isInteger(skip) || skip < 0) throw bad();
  return { token: record[inputToken] ?? null, skip };
}

function pick(page: Page, keys: readonly string[]): Page {
  const out: Page = {};
  for (const key of keys) {
    const value = getPath(page, key);
    if (value !== undefined) setPath(out, key, value);
  }
  return out;
}
