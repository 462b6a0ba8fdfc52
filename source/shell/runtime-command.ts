import type { RuntimeChange, RuntimeState } from '../api/index.js';
import { sandboxBackend } from './sandbox-backend.js';
import { failure, info, type LineOutcome, type ShellContext } from './shell-context.js';

/**
 * `.runtime [virtual | docker]`: what runs the in-process sandbox's tasks, and the switch to the
 * other runtime. The sandbox keeps its state across the switch: the new runtime takes its tasks
 * as after a restart (sim/runtime/switch.ts). The choice is remembered in the settings, like the
 * backend, for the next shell.
 */
const USAGE = '.runtime [virtual | docker]';

const ON_AWS = '.runtime is for the sandbox: on AWS, tasks run where ECS places them; .backend sandbox goes back to the sandbox';

export async function runtimeCommand(args: string[], context: ShellContext): Promise<LineOutcome> {
  const [kind] = args;
  if (args.length > 1 || (kind !== undefined && kind !== 'virtual' && kind !== 'docker')) return failure(`usage: ${USAGE}; got '${args.join(' ')}'`);
  const found = await sandboxBackend(context, ON_AWS);
  if ('failed' in found) return found.failed;
  const { backend } = found;
  if (!backend.runtime) {
    return failure(`the sandbox at ${backend.endpoints ?? backend.label} chose its runtime when it started (ecsh serve --runtime virtual|docker); .runtime switches the in-process sandbox only`);
  }
  if (kind === undefined) return info(describeRuntime(backend.runtime.state()));
  const change = await backend.runtime.switchTo(kind);
  if (change.noEngine) return failure(change.noEngine.replace(/^ecsh: /, ''));
  context.settings?.update({ runtime: kind });
  context.resources?.invalidate();
  return info(describeChange(change));
}

function describeRuntime(state: RuntimeState): string {
  switch (state.kind) {
    case 'docker':
      return `runtime: docker: tasks run as containers on the Docker engine at ${state.dockerEngine}`;
    case 'none':
      return 'runtime: none: the sandbox runs no containers';
    default:
      if (state.asked === 'docker') {
        return `runtime: virtual: no Docker engine answered at ${state.dockerEngine} when the sandbox started, so tasks run on the virtual runtime; .runtime docker tries again`;
      }
      return 'runtime: virtual: tasks run in-process, as stand-ins of their images; .runtime docker runs them as containers';
  }
}

function describeChange(change: RuntimeChange): string {
  if (change.unchanged) return `${describeRuntime(change)} (already)`;
  const one = change.tasksUp === 1;
  const tasks = one ? '1 running task' : `${change.tasksUp} running tasks`;
  if (change.kind === 'docker') {
    const moved = change.tasksUp === 0 ? '' : `; ${tasks} of the virtual runtime ${one ? 'has' : 'have'} no container on Docker and ${one ? 'stops' : 'stop'}: services start new ones`;
    return `runtime: docker: tasks run as containers on the Docker engine at ${change.dockerEngine}${moved}`;
  }
  const moved = change.tasksUp === 0 ? '' : `; ${tasks} left Docker (${one ? 'its' : 'their'} containers removed) and ${one ? 'runs' : 'run'} on the virtual runtime`;
  return `runtime: virtual: tasks run in-process, as stand-ins of their images${moved}`;
}
