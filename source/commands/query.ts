import { CommandError } from './errors.js';
import { jmespath } from './lazy-modules.js';

/** Checks a --query expression before the call, so a typo costs no request. */
export function checkQuery(expression: string): void {
  try {
    jmespath().compile(expression);
  } catch (error) {
    throw new CommandError(`Bad value for --query ${expression}: ${(error as Error).message}`);
  }
}

/** The JMESPath expression applied to a result, as `--query` does. */
export function applyQuery(data: unknown, expression: string): unknown {
  try {
    return jmespath().search(data, expression);
  } catch (error) {
    throw new CommandError(`Bad value for --query ${expression}: ${(error as Error).message}`);
  }
}
