/**
 * A compose or ecs-params file that cannot become a task definition. The message is one line
 * that starts with where the problem is (`docker-compose.yml:12:9: ...`), so that an editor or
 * a terminal can jump to it.
 */
export class ComposeError extends Error {
  override readonly name = 'ComposeError';
}

/** Something translated with a loss the user should know about (an ignored key, a dropped IP). */
export interface ComposeWarning {
  message: string;
  /** Shown after the message as `key=value`, as ecs-cli's log lines show them. */
  fields?: Record<string, string>;
}

/** Points at a value in one of the files: `file:line:column`. */
export type Where = (...path: Array<string | number>) => string;

export function fail(where: string, message: string): never {
  throw new ComposeError(`${where}: ${message}`);
}
