import type { Shape } from './api-index.js';
import { CommandError } from './errors.js';
import { suggest } from './suggest.js';

/**
 * Checks an operation's input against the index before the call, as the AWS CLI does (its
 * parameter validation): unknown members, missing required members, wrong types, and also
 * enum values, which the CLI leaves to the service. Paths are the API's member names
 * (`containerDefinitions[0].portMappings[1].containerPort`), as in the CLI's messages.
 */
export function validateInput(input: Record<string, unknown>, members: Record<string, Shape>, options: { required?: boolean } = {}): void {
  const problems: string[] = [];
  // The line's own required options are checked by name before this (--family); a document's (--cli-input-json) here.
  validateMembers(input, members, '', problems, options.required === true);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 3).join('; ');
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
  throw new CommandError(`Parameter validation failed: ${shown}${more}`);
}

/** Why `value` is not one of `allowed`, with the nearest value when there is one; undefined when it is. */
export function enumProblem(value: string, allowed: readonly string[] | undefined): string | undefined {
  if (!allowed || allowed.length === 0 || allowed.includes(value)) return undefined;
  const near = suggest(value, allowed);
  // EC2's instance types alone are hundreds: name a few rather than all.
  const list = allowed.length <= 12 ? allowed.join(', ') : `${allowed.slice(0, 5).join(', ')}, ... (${allowed.length} in all)`;
  return `valid values: ${list}${near ? `; did you mean ${near}?` : ''}`;
}

function validate(value: unknown, shape: Shape, path: string, problems: string[]): void {
  switch (shape.type) {
    case 'structure':
      if (!isPlainObject(value)) return invalidType(value, 'structure', path, problems);
      return validateMembers(value, shape.members ?? {}, path, problems, true);
    case 'list':
      if (!Array.isArray(value)) return invalidType(value, 'list', path, problems);
      if (shape.member) value.forEach((item, i) => validate(item, shape.member!, `${path}[${i}]`, problems));
      return;
    case 'map':
      if (!isPlainObject(value)) return invalidType(value, 'map', path, problems);
      for (const [key, item] of Object.entries(value)) {
        if (shape.key?.enum) {
          const problem = enumProblem(key, shape.key.enum);
          if (problem) problems.push(`Invalid key for parameter ${path}: "${key}", ${problem}`);
        }
        if (shape.value) validate(item, shape.value, `${path}.${key}`, problems);
      }
      return;
    case 'string': {
      if (typeof value !== 'string') return invalidType(value, 'string', path, problems);
      const problem = enumProblem(value, shape.enum);
      if (problem) problems.push(`Invalid value for parameter ${path}: "${value}", ${problem}`);
      return;
    }
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) invalidType(value, 'integer', path, problems);
      return;
    case 'double':
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) invalidType(value, 'number', path, problems);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') invalidType(value, 'boolean (true or false)', path, problems);
      return;
    case 'timestamp':
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        problems.push(`Invalid timestamp for parameter ${path}, value: ${show(value)}; use ISO 8601 (2024-05-01T12:00:00Z) or epoch seconds`);
      }
      return;
    case 'blob':
      if (!(value instanceof Uint8Array)) problems.push(`Invalid base64 for parameter ${path}, value: ${show(value)}; give base64 text or fileb://FILE`);
      return;
  }
}

function validateMembers(
  value: Record<string, unknown>,
  members: Record<string, Shape>,
  path: string,
  problems: string[],
  checkRequired: boolean,
): void {
  const where = path || 'input';
  // Missing members first, then unknown ones, as botocore reports them.
  if (checkRequired) {
    for (const [name, shape] of Object.entries(members)) {
      if (shape.required && value[name] === undefined) problems.push(`Missing required parameter in ${where}: "${name}"`);
    }
  }
  for (const [name, item] of Object.entries(value)) {
    const shape = Object.hasOwn(members, name) ? members[name] : undefined;
    if (!shape) {
      const names = Object.keys(members);
      const near = suggest(name, names);
      problems.push(`Unknown parameter in ${where}: "${name}", must be one of: ${names.join(', ')}${near ? `; did you mean ${near}?` : ''}`);
      continue;
    }
    if (item === undefined) continue;
    validate(item, shape, path ? `${path}.${name}` : name, problems);
  }
}

function invalidType(value: unknown, expected: string, path: string, problems: string[]): void {
  problems.push(`Invalid type for parameter ${path}, value: ${show(value)}, type: ${typeName(value)}, valid types: ${expected}`);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'timestamp';
  if (typeof value === 'object') return 'structure';
  return typeof value;
}

function show(value: unknown): string {
  const text = value instanceof Date ? value.toISOString() : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}
