import { resolve } from 'node:path';
import type { KeyValuePair } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import { keyValueMap } from './key-values.js';
import { isObject } from './merge.js';
import type { ServiceContext } from './service-context.js';

/**
 * A container's environment: `env_file` files first, then `environment` (a list of
 * `KEY=VALUE` or a map) over them. A key given alone takes its value from the environment
 * ecsh runs in; when that is unset it becomes "" with ecs-cli's warning. Sorted by name, so
 * that the same settings always make the same task definition.
 */
export function environmentOf(spec: Record<string, unknown>, ctx: ServiceContext): KeyValuePair[] | undefined {
  const values = new Map<string, string>();
  for (const [key, value] of envFileEntries(spec.env_file, ctx)) values.set(key, value);
  const declared = keyValueMap(spec.environment, '=', ctx.where('environment'), `environment of service ${ctx.name}`);
  for (const [key, value] of Object.entries(declared)) {
    if (value !== null) {
      values.set(key, value);
    } else if (ctx.env[key] !== undefined) {
      values.set(key, ctx.env[key]!);
    } else {
      ctx.warn('Environment variable is unresolved. Setting it to a blank value...', { 'key name': key });
      values.set(key, '');
    }
  }
  if (values.size === 0) return undefined;
  return [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }));
}

function envFileEntries(value: unknown, ctx: ServiceContext): Array<[string, string]> {
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value : [value];
  return entries.flatMap((entry, index) => {
    const where = Array.isArray(value) ? ctx.where('env_file', index) : ctx.where('env_file');
    const file = isObject(entry) ? entry.path : entry;
    const required = isObject(entry) ? entry.required !== false : true;
    if (typeof file !== 'string' || file === '') fail(where, 'env_file is a path or a list of paths');
    let text: string;
    try {
      text = ctx.readFile(resolve(ctx.projectDir, file));
    } catch (error) {
      if (!required) return [];
      fail(where, `env_file ${file} cannot be read: ${(error as Error).message}`);
    }
    return parseEnvFile(text, file, ctx);
  });
}

/** `KEY=VALUE` lines; blank lines and `#` comments skipped; a value in matching quotes unquoted. */
function parseEnvFile(text: string, file: string, ctx: ServiceContext): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const at = line.indexOf('=');
    const key = (at < 0 ? line : line.slice(0, at)).replace(/^export\s+/, '').trim();
    if (!/^[^\s=]+$/.test(key)) fail(`${resolve(ctx.projectDir, file)}:${index + 1}:1`, `"${line}" is not KEY=VALUE`);
    if (at < 0) {
      if (ctx.env[key] !== undefined) entries.push([key, ctx.env[key]!]);
      return;
    }
    const value = line.slice(at + 1).trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    entries.push([key, quoted ? quoted[2]! : value]);
  });
  return entries;
}
