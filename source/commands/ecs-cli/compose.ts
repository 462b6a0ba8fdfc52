import { composeServiceCommand } from './compose-service.js';
import { composeTaskCommand } from './compose-tasks.js';
import { defineVerb, needsSubcommand } from './run-verb.js';
import { withTarget } from './target.js';

/** `compose ...` and `compose ... service ...`: the project as tasks, or as a service. */
export const compose = defineVerb('compose', async (args, context, log) => {
  const [, group, verb] = args.command.path;
  if (group === undefined || (group === 'service' && verb === undefined)) throw needsSubcommand(args.command);
  await withTarget(args, context, (target) =>
    group === 'service' ? composeServiceCommand(args, context, target, log) : composeTaskCommand(args, context, target, log),
  );
});
