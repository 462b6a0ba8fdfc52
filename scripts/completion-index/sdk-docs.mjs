// What only the SDK's type declarations (dist-types) carry: documentation comments, the enum
// each member uses, and each command's description. The runtime schemas carry the shapes.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads a package's dist-types: `members` maps "Shape.member" to {doc, typeText}; `order`
 * maps it to the member's place in its structure as declared (the model's order); `shapes`
 * maps a shape name to its doc; `enums` maps an enum name to its values; `commands` maps an
 * operation name to its description.
 */
export function readSdkDocs(packageDir) {
  const types = join(packageDir, 'dist-types');
  const docs = { members: new Map(), order: new Map(), shapes: new Map(), enums: new Map(), commands: new Map() };
  const modelsDir = join(types, 'models');
  for (const file of readdirSync(modelsDir).filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(join(modelsDir, file), 'utf8');
    readEnums(text, docs.enums);
    readInterfaces(text, docs);
    readUnions(text, docs);
  }
  const commandsDir = join(types, 'commands');
  for (const file of readdirSync(commandsDir).filter((f) => f.endsWith('Command.d.ts'))) {
    const operation = file.slice(0, -'Command.d.ts'.length);
    const text = readFileSync(join(commandsDir, file), 'utf8');
    const doc = lastCommentBefore(text, `export declare class ${operation}Command `);
    if (doc) docs.commands.set(operation, doc);
  }
  return docs;
}

function readEnums(text, enums) {
  for (const match of text.matchAll(/export declare const (\w+): \{([^}]*)\};/g)) {
    const values = [...match[2].matchAll(/readonly [\w$]+: "([^"]*)";/g)].map((m) => m[1]);
    if (values.length > 0) enums.set(match[1], values);
  }
}

const MEMBER = /(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?([\w$]+)(\??): ([^;]+);/g;

function readInterfaces(text, docs) {
  for (const match of text.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?export interface (\w+)(?: extends [^{]+)? \{([\s\S]*?)\n\}/g)) {
    const [, shapeDoc, shape, body] = match;
    if (shapeDoc) docs.shapes.set(shape, cleanComment(shapeDoc));
    let place = 0;
    for (const member of body.matchAll(MEMBER)) {
      docs.members.set(`${shape}.${member[2]}`, { doc: cleanComment(member[1] ?? ''), typeText: member[4].trim() });
      docs.order.set(`${shape}.${member[2]}`, place++);
    }
  }
}

// A union `X` is declared as a namespace of one interface per member: `interface FooMember { foo: T; ... }`.
function readUnions(text, docs) {
  for (const match of text.matchAll(/export declare namespace (\w+) \{\n([\s\S]*?)\n\}/g)) {
    const [, shape, body] = match;
    let place = 0;
    for (const member of body.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?interface (\w+)Member \{\s*([\w$]+): ([^;]+);/g)) {
      if (member[2] === '$Unknown') continue;
      docs.members.set(`${shape}.${member[3]}`, { doc: cleanComment(member[1] ?? ''), typeText: member[4].trim() });
      docs.order.set(`${shape}.${member[3]}`, place++);
    }
  }
}

function lastCommentBefore(text, marker) {
  const end = text.indexOf(marker);
  if (end < 0) return undefined;
  const close = text.lastIndexOf('*/', end);
  const open = text.lastIndexOf('/**', close);
  if (open < 0 || close < 0) return undefined;
  const body = text.slice(open + 3, close);
  // The description comes before the first tag (@example, @param, @throws...).
  const description = body.split(/\n\s*\*\s*@\w+/)[0];
  return cleanComment(description);
}

/** A comment's text without the leading asterisks, tags and HTML, on one line. */
function cleanComment(comment) {
  const lines = comment
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, ''))
    .filter((line) => !/^@\w+/.test(line.trim()));
  return decodeEntities(lines.join(' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .trim();
}

function decodeEntities(text) {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

/** The first sentence of a documentation text, cut to `max` characters at a word boundary. */
export function firstSentence(text, max = 110) {
  if (!text) return '';
  // A sentence ends at a full stop before a space; "e.g." and "i.e." don't end one.
  const match = /^(.+?(?<!\b(?:e\.g|i\.e|etc|vs|approx|Inc|No))[.!?])(?=\s|$)/.exec(text);
  let sentence = (match ? match[1] : text).trim();
  if (sentence.length > max) {
    const cut = sentence.slice(0, max - 1);
    const space = cut.lastIndexOf(' ');
    sentence = `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, '')}…`;
  }
  return sentence;
}

/** The enum a member's declared type names, with `[]` when it is a list of that enum. */
export function enumOfType(typeText, enums) {
  const bare = typeText.replace(/\s*\|\s*undefined$/, '').trim();
  const list = /^(\w+)\[\]$/.exec(bare);
  if (list && enums.has(list[1])) return { list: true, values: enums.get(list[1]) };
  if (enums.has(bare)) return { list: false, values: enums.get(bare) };
  return undefined;
}
