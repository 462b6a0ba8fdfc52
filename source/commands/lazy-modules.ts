import { createRequire } from 'node:module';

/**
 * Libraries only some commands need, loaded the first time one does, so that they cost
 * nothing before the shell's first prompt. (Both are CommonJS under Node, so `require`
 * gives the same module an `import` would.)
 */
const require = createRequire(import.meta.url);

export type YamlModule = typeof import('yaml');
export interface JmespathModule {
  search(data: unknown, expression: string): unknown;
  /** jmespath.js exports its parser, which its type declarations leave out. */
  compile(expression: string): unknown;
}

export const yaml = (): YamlModule => require('yaml') as YamlModule;
export const jmespath = (): JmespathModule => require('jmespath') as JmespathModule;
