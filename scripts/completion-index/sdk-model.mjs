// Reads an installed AWS SDK v3 client's runtime schemas (the `Xxx$` exports: Smithy static
// schemas) into plain shapes, and its paginators from the bundled dist-cjs source.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

// Static schema ids (@smithy/types static-schemas.d.ts) and simple-type sentinels (sentinels.d.ts).
const SIMPLE = 0;
const LIST = 1;
const MAP = 2;
const STRUCTURE = 3;
const UNION = 4;
const OPERATION = 9;
const LIST_MODIFIER = 0b0100_0000;
const MAP_MODIFIER = 0b1000_0000;
const SIMPLE_TYPES = {
  0: 'string',
  1: 'integer',
  2: 'boolean',
  4: 'timestamp',
  5: 'timestamp',
  6: 'timestamp',
  7: 'timestamp',
  15: 'document',
  17: 'long',
  19: 'double',
  21: 'blob',
  42: 'blob',
};

/** The package's directory, its operations (name -> {input, output} schemas, only those with a Command) and paginators. */
export function loadSdkPackage(packageName) {
  const packageDir = dirname(require.resolve(`${packageName}/package.json`));
  const sdk = require(packageName);
  const operations = new Map();
  for (const [key, value] of Object.entries(sdk)) {
    if (!key.endsWith('$') || !Array.isArray(value) || value[0] !== OPERATION) continue;
    const name = value[2];
    if (typeof sdk[`${name}Command`] !== 'function') continue;
    operations.set(name, { input: resolve(value[4]), output: resolve(value[5]) });
  }
  return { packageDir, version: require(`${packageName}/package.json`).version, operations, paginators: readPaginators(packageDir) };
}

// `createPaginator(Client, XCommand, "inputToken", "outputToken", "pageSizeKey")` in dist-cjs.
function readPaginators(packageDir) {
  const source = readFileSync(join(packageDir, 'dist-cjs', 'index.js'), 'utf8');
  const paginators = new Map();
  for (const m of source.matchAll(/createPaginator\(\w+, (\w+)Command, "([^"]*)", "([^"]*)", "([^"]*)"\)/g)) {
    paginators.set(m[1], { inputToken: m[2], outputToken: m[3], limitKey: m[4] || undefined });
  }
  return paginators;
}

function resolve(ref) {
  return typeof ref === 'function' ? ref() : ref;
}

/** A member reference is either a schema or `[schema, traits]`. */
function memberSchema(ref) {
  return Array.isArray(ref) && ref.length === 2 ? resolve(ref[0]) : resolve(ref);
}

/** A structure (or union) schema's members in order, with the required ones marked. */
export function structureMembers(schema) {
  const [, , , , names, refs, requiredCount = 0] = schema;
  return names.map((name, i) => ({ name, schema: memberSchema(refs[i]), required: schema[0] === STRUCTURE && i < requiredCount }));
}

export function isList(schema) {
  return typeof schema === 'number' ? (schema & LIST_MODIFIER) !== 0 : schema[0] === LIST;
}

export function isStructure(schema) {
  return Array.isArray(schema) && (schema[0] === STRUCTURE || schema[0] === UNION);
}

export function shapeName(schema) {
  return Array.isArray(schema) ? schema[2] : undefined;
}

/**
 * A schema as a plain shape: {type, member | key+value | members}. `hooks.numeric(key)` names
 * a number's type ("Shape.member" or "ListShape[]"); `hooks.enumOf(structure, member)` gives a
 * member's enum ({list, values}); `hooks.ordered(structure, members)` puts a structure's members
 * in the model's order; recursion stops at a structure already being described.
 */
export function describeShape(schema, hooks, where = '', stack = []) {
  if (typeof schema === 'number') return describeSentinel(schema, hooks, where);
  switch (schema[0]) {
    case SIMPLE:
      return describeShape(resolve(schema[4]), hooks, where, stack);
    case LIST:
      return { type: 'list', member: describeShape(memberSchema(schema[4]), hooks, `${schema[2]}[]`, stack) };
    case MAP:
      return {
        type: 'map',
        key: describeShape(memberSchema(schema[4]), hooks, `${schema[2]}{key}`, stack),
        value: describeShape(memberSchema(schema[5]), hooks, `${schema[2]}{}`, stack),
      };
    case STRUCTURE:
    case UNION: {
      const name = schema[2];
      if (stack.includes(name)) return { type: 'structure' };
      const members = {};
      for (const member of hooks.ordered(name, structureMembers(schema))) {
        const shape = describeShape(member.schema, hooks, `${name}.${member.name}`, [...stack, name]);
        applyEnum(shape, hooks.enumOf(name, member.name));
        members[member.name] = member.required ? { ...shape, required: true } : shape;
      }
      return { type: 'structure', members };
    }
    default:
      throw new Error(`unknown schema kind ${schema[0]} at ${where}`);
  }
}

function describeSentinel(sentinel, hooks, where) {
  if (sentinel & LIST_MODIFIER) return { type: 'list', member: describeSentinel(sentinel & ~LIST_MODIFIER, hooks, `${where}[]`) };
  if (sentinel & MAP_MODIFIER) return { type: 'map', key: { type: 'string' }, value: describeSentinel(sentinel & ~MAP_MODIFIER, hooks, `${where}{}`) };
  const type = SIMPLE_TYPES[sentinel];
  if (!type) throw new Error(`unknown simple schema ${sentinel} at ${where}`);
  return { type: type === 'integer' ? hooks.numeric(where) : type };
}

/** Puts an enum's values on a string shape, or on the member of a list of strings. */
export function applyEnum(shape, found) {
  if (!found) return;
  if (found.list && shape.type === 'list' && shape.member.type === 'string') shape.member.enum = found.values;
  else if (!found.list && shape.type === 'string') shape.enum = found.values;
}
