import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDemoScript } from './script-parse.js';
import type { DemoScript } from './script-types.js';

/** The package's demos/ folder, from source/demo/ and from dist/demo/ alike. */
export function demosDirectory(): string {
  return fileURLToPath(new URL('../../demos/', import.meta.url));
}

export interface DemoListing {
  name: string;
  title: string;
  file: string;
}

/** The shipped demos (demos/*.demo; lessons live in demos/lessons/ and are not demos), by name. */
export function listDemos(): DemoListing[] {
  const directory = demosDirectory();
  let names: string[];
  try {
    names = readdirSync(directory).filter((name) => name.endsWith('.demo'));
  } catch {
    return [];
  }
  return names.sort().map((entry) => {
    const file = join(directory, entry);
    return { name: entry.slice(0, -'.demo'.length), title: titleOf(readFileSync(file, 'utf8')), file };
  });
}

/** The first `## ` line: read without parsing the whole script, so that a broken one is still listed. */
function titleOf(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim().startsWith('##'));
  return line?.trim().replace(/^#+/, '').trim() ?? '';
}

/**
 * A demo by name (demos/NAME.demo) or by path (anything with a slash or ending in .demo),
 * parsed. Throws with "FILE:LINE: what is wrong" for the first problem of a broken script.
 */
export function loadDemoScript(nameOrFile: string): DemoScript {
  const file = demoFile(nameOrFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'EISDIR' ? 'it is a directory' : (error as Error).message}`);
  }
  const { script, problems } = parseDemoScript(text, file);
  const first = problems[0];
  if (first) throw new Error(`${first.file}:${first.line}: ${first.message}`);
  return script!;
}

function demoFile(nameOrFile: string): string {
  const isPath = /[\\/]/.test(nameOrFile) || nameOrFile.endsWith('.demo');
  if (isPath) {
    const file = resolve(nameOrFile);
    if (!existsSync(file)) throw new Error(`no demo file ${nameOrFile}; give the path of a .demo script, or a name from ecsh demo list`);
    return file;
  }
  const file = join(demosDirectory(), `${nameOrFile}.demo`);
  if (!/^[\w.-]+$/.test(nameOrFile) || !existsSync(file)) throw new Error(`no demo ${nameOrFile}; ecsh demo list shows them`);
  return file;
}
