import { fail, type ComposeWarning } from './compose-error.js';
import type { YamlSource } from './yaml-source.js';

/**
 * Docker Compose's variable substitution in every string value: `$VAR`, `${VAR}`,
 * `${VAR:-default}` / `${VAR-default}`, `${VAR:?message}` / `${VAR?message}`,
 * `${VAR:+other}` / `${VAR+other}`, and `$$` for a literal `$`. An unset variable without a
 * default becomes "" with the warning Compose gives.
 */
export function interpolate(source: YamlSource, env: Readonly<Record<string, string | undefined>>, warnings: ComposeWarning[]): unknown {
  const warned = new Set<string>();
  const walk = (value: unknown, path: Array<string | number>): unknown => {
    if (typeof value === 'string') return substitute(value, env, source.where(path), (name) => {
      if (warned.has(name)) return;
      warned.add(name);
      warnings.push({ message: `The ${name} variable is not set. Defaulting to a blank string.` });
    });
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, [...path, key])]));
    }
    return value;
  };
  return walk(source.value, []);
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function substitute(text: string, env: Readonly<Record<string, string | undefined>>, where: string, unset: (name: string) => void): string {
  if (!text.includes('$')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const close = matchingBrace(text, i + 2);
      if (close < 0) fail(where, `invalid interpolation format in "${text}": a \${ is not closed`);
      out += braced(text.slice(i + 2, close), env, where, text, unset);
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) fail(where, `invalid interpolation format in "${text}": write $$ for a literal $`);
      out += lookup(name, env, unset);
      i += 1 + name.length;
    }
  }
  return out;
}

/** The `}` closing a `${` that starts before `from`, allowing nested `${...}` in defaults. */
function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

function braced(inner: string, env: Readonly<Record<string, string | undefined>>, where: string, text: string, unset: (name: string) => void): string {
  const name = NAME.exec(inner)?.[0];
  if (!name) fail(where, `invalid interpolation format in "${text}": \${${inner}} names no variable`);
  const rest = inner.slice(name.length);
  if (rest === '') return lookup(name, env, unset);
  const operator = /^(:?[-?+])/.exec(rest)?.[1];
  if (!operator) fail(where, `invalid interpolation format in "${text}": unexpected "${rest}" after ${name}`);
  const argument = substitute(rest.slice(operator.length), env, where, unset);
  const value = env[name];
  const present = operator.startsWith(':') ? value !== undefined && value !== '' : value !== undefined;
  switch (operator.replace(':', '')) {
    case '-':
      return present ? value! : argument;
    case '+':
      return present ? argument : '';
    default:
      if (!present) fail(where, `required variable ${name} is missing a value: ${argument || `set ${name}`}`);
      return value!;
  }
}

function lookup(name: string, env: Readonly<Record<string, string | undefined>>, unset: (name: string) => void): string {
  const value = env[name];
  if (value === undefined) {
    unset(name);
    return '';
  }
  return value;
}
