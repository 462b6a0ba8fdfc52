import jmespath from 'jmespath';
import type { StateCheck, StepOutcome } from './script-types.js';

export interface CheckResult {
  ok: boolean;
  /** Why it did not pass, in one line (the command's error, or what the expression gave). */
  detail?: string;
}

/**
 * Asks the backend what a check asks and tests the answer: the command's JSON output through
 * the JMESPath expression must be truthy as JMESPath counts it (null, false, "", [] and {}
 * are not; 0 is, so compare numbers explicitly: `length(tasks) == \`2\``).
 */
export async function runStateCheck(check: StateCheck, runLine: (line: string) => Promise<StepOutcome>): Promise<CheckResult> {
  const answer = await queryState(check.command, check.expression, runLine);
  if (!answer.ok) return answer;
  return truthy(answer.value) ? { ok: true } : { ok: false, detail: `${check.expression} gave ${JSON.stringify(answer.value)}` };
}

/** What `command`'s JSON answer gives through a JMESPath expression, or why there is none. */
export async function queryState(
  command: string,
  expression: string,
  runLine: (line: string) => Promise<StepOutcome>,
): Promise<{ ok: true; value: unknown } | { ok: false; detail: string }> {
  const outcome = await runLine(`${command} --output json`);
  if (!outcome.ok) return { ok: false, detail: `${command}: ${outcome.error ?? 'failed'}` };
  let data: unknown;
  try {
    data = outcome.output.trim() === '' ? null : JSON.parse(outcome.output);
  } catch {
    return { ok: false, detail: `${command} did not answer JSON` };
  }
  try {
    return { ok: true, value: jmespath.search(data as object, expression) };
  } catch (error) {
    return { ok: false, detail: `${expression}: ${(error as Error).message}` };
  }
}

/** What is wrong with a JMESPath expression, if anything: scripts are checked before they run. */
export function jmespathProblem(expression: string): string | undefined {
  try {
    (jmespath as unknown as { compile(expression: string): unknown }).compile(expression);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
