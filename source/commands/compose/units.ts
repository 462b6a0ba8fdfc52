import { fail } from './compose-error.js';

/** Docker's sizes and durations as ECS wants them: MiB and whole seconds. */

const SIZE_UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/**
 * A size Docker reads (`512m`, `1.5g`, `128mb`, `1024k`, or a plain number of bytes) in MiB,
 * rounded down as ecs-cli rounds it. Sizes under 1 MiB are refused: ECS would register a
 * container with no memory.
 */
export function mebibytes(value: unknown, where: string, what: string): number {
  const bytes = byteCount(value, where, what);
  const mib = Math.floor(bytes / 1024 ** 2);
  if (mib < 1) fail(where, `${what} of ${String(value)} is less than 1 MiB`);
  return mib;
}

export function byteCount(value: unknown, where: string, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*([bkmgt])?(?:i?b)?\s*$/i.exec(value) : null;
  if (!match) fail(where, `${what} "${String(value)}" is not a size such as 512m or 1g`);
  return Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()]!;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A Go duration (`1m30s`, `10s`, `1.5h`, `500ms`) or a number of seconds, in whole seconds (rounded down). */
export function seconds(value: unknown, where: string, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.floor(value);
  const text = typeof value === 'string' ? value.trim() : '';
  let total = 0;
  let rest = text;
  while (rest !== '') {
    const match = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!match) fail(where, `${what} "${String(value)}" is not a duration such as 30s, 1m30s or 2h`);
    total += Number(match[1]) * DURATION_UNITS[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  if (text === '') fail(where, `${what} is empty: give a duration such as 30s`);
  return Math.floor(total + 1e-9);
}

/** A whole number, written as a number or a numeric string. */
export function wholeNumber(value: unknown, where: string, what: string, min = 0): number {
  const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min) {
    fail(where, `${what} is ${min > 0 ? 'a positive' : 'a'} whole number, not ${JSON.stringify(value)}`);
  }
  return number;
}
