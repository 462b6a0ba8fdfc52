import { isScalarType, shapeOfParam, type ParamSpec, type Shape } from './api-index.js';
import { CommandError } from './errors.js';
import { ParamFileError, readParamFile, type ParamFileValue } from './paramfile.js';
import { ShorthandSyntaxError, parseShorthand, type ShorthandValue } from './shorthand.js';
import { isPlainObject } from './validate-input.js';

/**
 * The API value of one option from the words typed after it, as the AWS CLI reads them:
 * a scalar from one word; a list from several words (or one JSON array); a structure or
 * map from JSON (when it starts with "{") or shorthand; any word may be file:// or fileb://.
 * Type errors inside the value are left to validateInput, which names the exact member.
 */
export function paramValue(cliName: string, param: ParamSpec, words: readonly string[], cwd: string): unknown {
  try {
    return valueOf(param, words, cwd);
  } catch (error) {
    if (error instanceof ParamFileError || error instanceof ShorthandSyntaxError || error instanceof ValueProblem) {
      throw paramError(cliName, error.message);
    }
    throw error;
  }
}

export function paramError(cliName: string, message: string): CommandError {
  return new CommandError(`Error parsing parameter '--${cliName}': ${message}`);
}

class ValueProblem extends Error {}

function valueOf(param: ParamSpec, words: readonly string[], cwd: string): unknown {
  const shape = shapeOfParam(param);
  if (isScalarType(shape.type)) return scalarValue(load(words[0]!, shape, cwd), shape);
  if (shape.type === 'list') {
    const member = shape.member ?? { type: 'string' };
    const loaded = words.map((word) => load(word, member, cwd));
    const only = loaded.length === 1 ? loaded[0] : undefined;
    if (typeof only === 'string' && only.trimStart().startsWith('[')) return coerce(parseJson(only), shape, false);
    return loaded.map((item) => (isScalarType(member.type) ? scalarValue(item, member) : complexValue(item as string, member, param.shorthand)));
  }
  return complexValue(load(words[0]!, shape, cwd) as string, shape, param.shorthand);
}

/** A structure or map from one word: JSON, the CLI's `Value` short form, or shorthand (`form` is the one the parameter takes). */
function complexValue(text: string, shape: Shape, form: string | undefined): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return coerce(parseJson(text), shape, false);
  // EC2's AttributeValue: `--instance-type t3.micro` means {Value: "t3.micro"}.
  const names = Object.keys(shape.members ?? {});
  if (shape.type === 'structure' && names.length === 1 && names[0] === 'Value' && shape.members!.Value!.type === 'string' && !text.includes('=')) {
    return { Value: text };
  }
  const parsed = parseShorthand(text);
  checkShorthandKeys(text, parsed, shape, form);
  return coerce(parsed, shape, true);
}

/**
 * Shorthand none of whose keys are the structure's members was written in another form (ECS tags
 * as `owner=me`): say the form it takes, with the value rewritten in it where that is plain.
 * A misspelt key among known ones is left to validateInput, which names the nearest.
 */
function checkShorthandKeys(text: string, parsed: ShorthandValue, shape: Shape, form: string | undefined): void {
  const members = shape.type === 'structure' ? shape.members : undefined;
  if (!members || !isPlainObject(parsed)) return;
  const keys = Object.keys(parsed);
  const names = new Set(Object.keys(members).map((name) => name.toLowerCase()));
  // Keys that are members but for their case (`Key=` for ECS's `key=`) get validateInput's "did you mean".
  if (keys.length === 0 || keys.some((key) => names.has(key.toLowerCase()))) return;
  const expected = form ? `write it as ${form}` : `the keys are ${Object.keys(members).join(', ')}`;
  throw new ValueProblem(`unknown key '${keys[0]}' in '${text}'; ${expected}${asKeyValue(parsed, members)}`);
}

/** `owner=me` as a tag (`key=owner,value=me`), for structures of a key and a value. */
function asKeyValue(parsed: Record<string, unknown>, members: Record<string, Shape>): string {
  const names = Object.keys(members);
  const key = names.find((name) => name.toLowerCase() === 'key');
  const value = names.find((name) => name.toLowerCase() === 'value');
  const entries = Object.entries(parsed);
  if (names.length !== 2 || !key || !value || entries.length !== 1 || typeof entries[0]![1] !== 'string') return '';
  return ` (here: ${key}=${entries[0]![0]},${value}=${entries[0]![1]})`;
}

function scalarValue(value: string | Uint8Array, shape: Shape): unknown {
  if (value instanceof Uint8Array) return value;
  switch (shape.type) {
    case 'integer':
    case 'long':
      if (!INTEGER.test(value.trim())) throw new ValueProblem(`expected an integer, got '${value}'`);
      return Number(value.trim());
    case 'double':
    case 'float': {
      const n = Number(value.trim());
      if (value.trim() === '' || !Number.isFinite(n)) throw new ValueProblem(`expected a number, got '${value}'`);
      return n;
    }
    case 'timestamp': {
      const date = parseTimestamp(value);
      if (!date) throw new ValueProblem(`expected a timestamp (ISO 8601 such as 2024-05-01T12:00:00Z, or epoch seconds), got '${value}'`);
      return date;
    }
    case 'blob': {
      const bytes = decodeBase64(value);
      if (!bytes) throw new ValueProblem(`Invalid base64: "${value}"; give base64 text or fileb://FILE for the raw bytes`);
      return bytes;
    }
    case 'boolean':
      return booleanOf(value) ?? value;
    default:
      return value;
  }
}

/** A word's text, or the content of the file it names. Bytes are only for blob values. */
function load(word: string, shape: Shape, cwd: string): string | Uint8Array {
  const file: ParamFileValue | undefined = readParamFile(word, cwd);
  if (!file) return word;
  if (file.kind === 'text') return file.text;
  if (shape.type !== 'blob') throw new ValueProblem(`${word} reads raw bytes, which only a binary (blob) parameter takes; use file:// for text`);
  return file.bytes;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValueProblem(`Invalid JSON: ${(error as Error).message}`);
  }
}

/**
 * Brings a parsed value to the shape's types where the text allows it. Shorthand gives only
 * strings, so its numbers and booleans are converted and a lone value where a list is due
 * becomes a list of one, as in the CLI; JSON keeps its own types. Timestamps and blobs are
 * converted from either (ISO 8601 or epoch seconds; base64).
 */
export function coerce(value: unknown, shape: Shape, fromShorthand: boolean): unknown {
  if (value === undefined || value === null) return value;
  switch (shape.type) {
    case 'structure': {
      if (!isPlainObject(value)) return value;
      const members = shape.members ?? {};
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const member = Object.hasOwn(members, key) ? members[key] : undefined;
        defineKey(out, key, member ? coerce(item, member, fromShorthand) : item);
      }
      return out;
    }
    case 'list': {
      const list = Array.isArray(value) ? value : fromShorthand ? [value] : value;
      if (!Array.isArray(list) || !shape.member) return list;
      return list.map((item) => coerce(item, shape.member!, fromShorthand));
    }
    case 'map': {
      if (!isPlainObject(value) || !shape.value) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) defineKey(out, key, coerce(item, shape.value, fromShorthand));
      return out;
    }
    case 'integer':
    case 'long':
      return fromShorthand && typeof value === 'string' && INTEGER.test(value.trim()) ? Number(value.trim()) : value;
    case 'double':
    case 'float':
      return fromShorthand && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'boolean':
      return fromShorthand && typeof value === 'string' ? booleanOf(value) ?? value : value;
    case 'timestamp':
      return typeof value === 'string' || typeof value === 'number' ? parseTimestamp(value) ?? value : value;
    case 'blob':
      return typeof value === 'string' ? decodeBase64(value) ?? value : value;
    default:
      return value;
  }
}

const INTEGER = /^[+-]?\d+$/;
const EPOCH_SECONDS = /^\d+(\.\d+)?$/;
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/** ISO 8601 (a time without a zone is UTC, as in the CLI) or epoch seconds. */
export function parseTimestamp(value: string | number): Date | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value * 1000) : undefined;
  const text = value.trim();
  if (EPOCH_SECONDS.test(text)) return new Date(Number(text) * 1000);
  const match = ISO_8601.exec(text);
  if (!match) return undefined;
  const [, day, time, zone] = match;
  const normalizedZone = zone === undefined ? 'Z' : zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(time === undefined ? `${day}T00:00:00Z` : `${day}T${time}${normalizedZone}`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  return BASE64.test(compact) ? new Uint8Array(Buffer.from(compact, 'base64')) : undefined;
}

function booleanOf(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
