import type { ParsedArgs } from './parse-args.js';

/**
 * Commands a message tells the user to run, written so that they work as given: an ecs-cli
 * command carries the flags that chose the cluster and region of the line it answers, and a
 * compose command the flags that chose the project, so that it acts on the same things.
 */

/** The flags that choose the cluster, region and credentials. */
const TARGET_FLAGS = ['cluster', 'cluster-config', 'region', 'ecs-profile', 'aws-profile'];
/** The flags of `compose` that choose the project. */
const PROJECT_FLAGS = ['file', 'project-name', 'ecs-params', 'task-role-arn'];

/** A word as the shell's tokenizer reads it back. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}

function givenFlags(args: ParsedArgs, names: readonly string[]): string[] {
  const words: string[] = [];
  for (const name of names) {
    const value = args.flags[name];
    for (const one of Array.isArray(value) ? value : typeof value === 'string' ? [value] : []) words.push(`--${name}`, shellWord(one));
  }
  return words;
}

/** `ecs-cli VERB ...` with the line's cluster and region flags, e.g. `ecs-cli down --cluster demo --region eu-west-1 --force`. */
export function ecsCliLine(args: ParsedArgs, verb: string, ...rest: string[]): string {
  return ['ecs-cli', verb, ...givenFlags(args, TARGET_FLAGS), ...rest].join(' ');
}

/** `ecs-cli compose ... service up` with the line's project, cluster and region flags. */
export function composeLine(args: ParsedArgs, ...rest: string[]): string {
  return ['ecs-cli', 'compose', ...givenFlags(args, PROJECT_FLAGS), ...givenFlags(args, TARGET_FLAGS), ...rest].join(' ');
}

/** A shell API command for a region: `--region` added when it is not the shell's own. */
export function apiLine(words: string, region: string, shellRegion: string): string {
  return region === shellRegion ? words : `${words} --region ${region}`;
}
