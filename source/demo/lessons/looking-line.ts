/** ecs-cli's verbs, with or without `ecs-cli` in front, as the shell reads them. */
const ECS_CLI_VERB = /^(ps|up|down|scale|configure|compose)$/;

/** API operations that read: they never change the sandbox. */
const READ_OPERATION = /^(describe|list|get)-|^wait$/;

/**
 * Whether a line only looks at things: the shell's own commands (`.help`, `.pane placement`),
 * `!` commands (curl, dig: they ask what is served and change nothing in the sandbox),
 * comments, API calls that read (describe-*, list-*, get-*, wait, help) and `ecs-cli ps`.
 * A lesson never counts such a line as a wrong try: looking around is how one learns.
 * Anything else (create, update, run, stop, ecs-cli up ...) is a try at the step.
 */
export function isLookingLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('.') || trimmed.startsWith('!')) return true;
  const words = trimmed.split(/\s+/).filter((word) => !word.startsWith('-'));
  if (words[0] === 'aws') words.shift();
  if (words[0] === 'ecs-cli') words.shift();
  if (ECS_CLI_VERB.test(words[0] ?? '')) return words[0] === 'ps' || (words[0] === 'compose' && words.includes('ps'));
  // `ecs` alone is an unfinished line, not an attempt at anything.
  if (words.length < 2) return true;
  return words[1] === 'help' || words[2] === 'help' || READ_OPERATION.test(words[1] ?? '');
}
