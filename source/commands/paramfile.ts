import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

/** A value given as `file://PATH` (its text) or `fileb://PATH` (its bytes), as in the AWS CLI. */
export type ParamFileValue = { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

export class ParamFileError extends Error {}

const PREFIXES = { 'file://': 'text', 'fileb://': 'bytes' } as const;

/** The content a value names, or undefined when it is not a file:// or fileb:// value. */
export function readParamFile(value: string, cwd: string): ParamFileValue | undefined {
  const prefix = (Object.keys(PREFIXES) as (keyof typeof PREFIXES)[]).find((p) => value.startsWith(p));
  if (!prefix) return undefined;
  const given = value.slice(prefix.length);
  const path = resolve(cwd, expandPath(given));
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : readReason(error);
    throw new ParamFileError(`Unable to load paramfile ${value}: ${reason}: '${given}'`);
  }
  return PREFIXES[prefix] === 'text' ? { kind: 'text', text: bytes.toString('utf8') } : { kind: 'bytes', bytes: new Uint8Array(bytes) };
}

function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'Is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'Permission denied';
  return (error as Error).message;
}

/** `~` and `$VAR` / `${VAR}` in a path, as the CLI expands them. */
function expandPath(path: string): string {
  const vars = path.replace(/\$(\w+)|\$\{(\w+)\}/g, (whole, a: string | undefined, b: string | undefined) => process.env[(a ?? b)!] ?? whole);
  return vars === '~' || vars.startsWith('~/') ? homedir() + vars.slice(1) : vars;
}
