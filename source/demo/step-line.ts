import type { DemoStep } from './script-types.js';

/**
 * The line a player runs for a step: the command as written, except that a `!` step gets the
 * script's `# env` variables (and any the player adds, such as ECSH_ENDPOINT, the sandbox's
 * URL) exported in front, in the POSIX shell that runs it. What is shown stays the command.
 */
export function lineToRun(step: DemoStep, playerEnv: Readonly<Record<string, string>> = {}): string {
  if (!step.command.startsWith('!')) return step.command;
  const env = { ...playerEnv, ...step.env };
  const names = Object.keys(env);
  if (names.length === 0) return step.command;
  const exports = names.map((name) => `${name}=${shellQuote(env[name]!)}`).join(' ');
  return `!export ${exports}; ${step.command.slice(1).trim()}`;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** What a step printed, and its error, as one text: what `# wait-for` looks in. */
export function outcomeText(outcome: { output: string; error?: string }): string {
  if (!outcome.error) return outcome.output;
  return outcome.output === '' || outcome.output.endsWith('\n') ? `${outcome.output}${outcome.error}` : `${outcome.output}\n${outcome.error}`;
}
