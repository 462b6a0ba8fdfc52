// Paths typed as values: `compose -f web/dock` and `--cli-input-json file://task` complete from
// the entries of the directory typed so far, relative to where the shell runs; a directory ends
// in `/` and goes on (no space after it); hidden entries show once a '.' is typed.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Choice } from './candidate-lists.js';

/** The entries of `directory` (relative to `cwd`; `~/` is the home directory), directories ending in `/`, sorted; none when it cannot be read. */
export function directoryEntries(cwd: string, directory: string): string[] {
  const expanded = directory === '~' || directory.startsWith('~/') ? homedir() + directory.slice(1) : directory;
  try {
    return readdirSync(resolve(cwd, expanded || '.'), { withFileTypes: true })
      .map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name))
      .sort();
  } catch {
    return [];
  }
}

export interface PathChoices {
  /** Where the entry's name starts in the path typed: what a choice replaces. */
  offset: number;
  /** The part of the name typed so far. */
  query: string;
  choices: Choice[];
}

/** The entries that may come next in `path`, quoted for the line by `insert`. */
export function pathChoices(
  path: string,
  entries: (directory: string) => readonly string[],
  insert: (entry: string) => string,
  keep: (entry: string) => boolean = () => true,
): PathChoices {
  const offset = path.lastIndexOf('/') + 1;
  const query = path.slice(offset);
  const choices = entries(path.slice(0, offset))
    .filter((entry) => (query.startsWith('.') || !entry.startsWith('.')) && keep(entry))
    .map((entry): Choice => ({ kind: 'value', label: entry, insert: insert(entry), ...(entry.endsWith('/') ? { noSpace: true } : {}) }));
  return { offset, query, choices };
}

/**
 * An entry's text inside a word that goes on before it (`file://`): escaped for the quote the
 * word has open, which a file closes and a directory leaves open; unquoted, blanks are escaped.
 */
export function entryInWord(entry: string, open: '"' | "'" | undefined): string {
  const directory = entry.endsWith('/');
  if (open === '"') return entry.replace(/["\\]/g, '\\$&') + (directory ? '' : open);
  if (open === "'") return entry + (directory ? '' : open);
  return entry.replace(/[\s"'\\]/g, '\\$&');
}
