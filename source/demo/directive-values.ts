import type { SandboxSpec } from './script-types.js';
import { jmespathProblem } from './state-check.js';

/**
 * The values directives take (`/regex/flags`, `30s`, `seed=N`, `LINE => JMESPATH`), each read
 * into its value or a one-line reason it is wrong, which the parser reports with file:line.
 */
export type Read<T> = { value: T } | { problem: string };

/** `/regex/flags [TIMEOUT]`, as `# wait-for` takes it. */
export function readWaitFor(text: string): Read<{ pattern: RegExp; source: string; timeoutMs: number }> {
  if (!text.startsWith('/')) return { problem: `# wait-for takes /REGEX/ and an optional timeout (30s, 2m), got '${text}'` };
  const end = closingSlash(text);
  if (end < 0) return { problem: `the regex ${text} has no closing /` };
  const body = text.slice(1, end);
  const [flags = '', timeoutText, ...extra] = splitFlagsAndRest(text.slice(end + 1));
  if (extra.length > 0) return { problem: `unexpected '${extra.join(' ')}' after the timeout of # wait-for` };
  let pattern: RegExp;
  try {
    pattern = new RegExp(body, flags);
  } catch (error) {
    return { problem: `bad regex /${body}/${flags}: ${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}` };
  }
  if (timeoutText === undefined) return { value: { pattern, source: `/${body}/${flags}`, timeoutMs: 0 } };
  const timeout = readDuration(timeoutText);
  if ('problem' in timeout) return timeout;
  return { value: { pattern, source: `/${body}/${flags}`, timeoutMs: timeout.value } };
}

/** Where the regex that opens `text` ends: a `/` outside a character class and not escaped. */
function closingSlash(text: string): number {
  let inClass = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) return i;
  }
  return -1;
}

/** The flags right after the closing slash, then the words after them. */
function splitFlagsAndRest(after: string): string[] {
  const flags = /^[a-z]*/.exec(after)![0];
  const words = after.slice(flags.length).trim().split(/\s+/).filter((word) => word !== '');
  return [flags, ...words];
}

/** `500ms`, `30s`, `2m`: a timeout in milliseconds. */
export function readDuration(text: string): Read<number> {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text);
  if (!match) {
    const hint = /^\d+(\.\d+)?$/.test(text) ? `; give a unit: ${text}s or ${text}m` : '';
    return { problem: `bad timeout '${text}': write it like 500ms, 30s or 2m${hint}` };
  }
  const scale = { ms: 1, s: 1000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
  return { value: Math.round(Number(match[1]) * scale) };
}

/** `0` or `1` after `# expect exit`. */
export function readExpectExit(text: string): Read<0 | 1> {
  const match = /^exit\s+([01])$/.exec(text);
  if (match) return { value: Number(match[1]) as 0 | 1 };
  return { problem: `# expect takes 'exit 0' or 'exit 1', got '${text}'` };
}

/** `seed=N speed=X region=R` after `# sandbox`: N an integer, X a positive number (default 1), R a region name. */
export function readSandbox(text: string): Read<SandboxSpec> {
  let seed: number | undefined;
  let speed = 1;
  let region: string | undefined;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const [key, value = ''] = word.split('=', 2);
    if (key === 'seed') {
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) return { problem: `bad number '${value}' for seed: it is a whole number such as 42` };
      seed = Number(value);
    } else if (key === 'speed') {
      if (!/^\d+(\.\d+)?$/.test(value) || !(Number(value) > 0)) return { problem: `bad number '${value}' for speed: it is a positive number such as 1 or 20` };
      speed = Number(value);
    } else if (key === 'region') {
      if (!REGION.test(value)) return { problem: `bad region '${value}': a region name such as eu-west-1` };
      region = value;
    } else {
      return { problem: `# sandbox takes seed=N, speed=X and region=R, not '${word}'` };
    }
  }
  if (seed === undefined) return { problem: '# sandbox needs seed=N (and optionally speed=X and region=R), such as # sandbox seed=42 speed=20' };
  return { value: { seed, speed, ...(region !== undefined ? { region } : {}) } };
}

/** us-east-1, eu-west-1, ap-southeast-2, us-gov-west-1. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Characters per second after `# speed`. */
export function readTypingSpeed(text: string): Read<number> {
  if (!/^\d+(\.\d+)?$/.test(text) || !(Number(text) > 0)) return { problem: `bad number '${text}' for # speed: characters per second, such as 20` };
  return { value: Number(text) };
}

/** `K=V` after `# env`: a variable name, then anything (empty too). */
export function readEnv(text: string): Read<[string, string]> {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(text);
  if (!match) return { problem: `# env takes NAME=VALUE, such as # env API_KEY=demo, got '${text}'` };
  return { value: [match[1]!, match[2]!] };
}

/** `LINE => JMESPATH` after `# check` (or `# when`, or inside an answer's `{{...}}`). */
export function readCheck(text: string, directive: 'check' | 'when' = 'check'): Read<{ command: string; expression: string }> {
  const at = text.indexOf('=>');
  if (at < 0) return { problem: `# ${directive} takes COMMAND => JMESPATH, such as # ${directive} ecs list-clusters => length(clusterArns) == \`1\`` };
  const command = text.slice(0, at).trim();
  const expression = text.slice(at + 2).trim();
  if (command === '') return { problem: `# ${directive} needs a command before =>` };
  if (expression === '') return { problem: `# ${directive} needs a JMESPath expression after =>` };
  const problem = jmespathProblem(expression);
  if (problem !== undefined) return { problem: `bad JMESPath '${expression}': ${problem}` };
  return { value: { command, expression } };
}

/** Program names after `# requires`. */
export function readRequires(text: string): Read<string[]> {
  const names = text.split(/\s+/).filter((word) => word !== '');
  if (names.length === 0) return { problem: '# requires names what the step needs, such as # requires docker' };
  const bad = names.find((name) => !/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(name));
  if (bad !== undefined) return { problem: `# requires takes program names, not '${bad}'` };
  return { value: names };
}

/** `{{LINE => JMESPATH}}` in an `# answer`: a value read from the sandbox when the answer is given. */
export const ANSWER_VALUE = /\{\{(.*?)\}\}/g;

/** The line after `# answer`: a command, its `{{LINE => JMESPATH}}` values well formed. */
export function readAnswer(text: string): Read<string> {
  if (text === '') return { problem: '# answer needs the line to give as the answer, such as # answer ecs update-service --cluster learn --service web --desired-count 2' };
  for (const [, inside] of text.matchAll(ANSWER_VALUE)) {
    if (!inside!.includes('=>')) return { problem: `{{${inside}}} takes COMMAND => JMESPATH, such as {{ecs list-tasks --cluster learn => taskArns[0]}}` };
    const value = readCheck(inside!.trim());
    if ('problem' in value) return { problem: `in {{${inside}}}: ${value.problem.replace(/^# check /, '')}` };
  }
  return { value: text };
}
