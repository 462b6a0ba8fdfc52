import { awsProfileNames } from './aws-profiles.js';
import { AWS_REGIONS, isKnownRegion } from './aws-regions.js';
import { loadCommandLanguage } from './command-language.js';
import { DOT_COMMANDS } from './dot-command-list.js';
import { endpointsCommand } from './endpoints-command.js';
import { helpFor } from './help-text.js';
import { logsCommand } from './logs-command.js';
import { runtimeCommand } from './runtime-command.js';
import { failure, info, NOTHING, type LineOutcome, type RunLineOptions, type ShellContext } from './shell-context.js';
import type { SessionState } from './session.js';

const UNSET = '--unset';

type Handler = (args: string[], context: ShellContext, options: RunLineOptions) => Promise<LineOutcome> | LineOutcome;

/**
 * The shell's own commands (`.cluster demo`, `.backend aws`...). Choices are remembered in
 * the settings when the context has them (the interactive shell), so that tomorrow's shell
 * starts where today's ended; scripts change only their own run.
 */
const HANDLERS: Record<string, Handler> = {
  '.help': async (args) => {
    const needsIndex = args.length > 0 && !['keys', 'commands', 'dot'].includes(args[0]!);
    const index = needsIndex ? (await loadCommandLanguage()).index : undefined;
    const help = helpFor(args, index);
    return help.error ? failure(help.error) : info(help.text!);
  },

  '.cluster': (args, context) => {
    const [name] = args;
    if (args.length > 1) return failure('usage: .cluster [name | --unset]');
    if (name === undefined) {
      const cluster = context.session.cluster;
      return info(cluster ? `default cluster: ${cluster}` : `no default cluster: ECS commands use the "default" cluster unless given --cluster; set one with .cluster NAME`);
    }
    const cluster = name === UNSET ? undefined : name;
    if (cluster !== undefined && !/^[A-Za-z0-9_-]{1,255}$/.test(cluster) && !cluster.startsWith('arn:')) {
      return failure(`'${cluster}' is not a cluster name (letters, digits, - and _, up to 255) or ARN`);
    }
    context.session.setCluster(cluster);
    context.settings?.update({ cluster });
    return info(cluster ? `default cluster: ${cluster}` : 'default cluster unset');
  },

  '.backend': async (args, context) => {
    const [kind] = args;
    if (kind === undefined) return info(describeSession(context.session.state));
    if (args.length > 1 || (kind !== 'sandbox' && kind !== 'aws')) return failure(`usage: .backend [sandbox | aws]; got '${args.join(' ')}'`);
    return switched(context, { backend: kind });
  },

  '.profile': async (args, context) => {
    const [profile] = args;
    const known = awsProfileNames();
    if (profile === undefined) {
      const state = context.session.state;
      const current = state.kind === 'aws' ? `profile: ${state.profile}` : 'on the sandbox (profiles are for AWS)';
      return info(`${current}\nknown profiles: ${known.length > 0 ? known.join(', ') : 'none in ~/.aws/config or ~/.aws/credentials'}`);
    }
    if (args.length > 1) return failure('usage: .profile [name]');
    if (!known.includes(profile)) {
      if (known.length === 0) return failure(`no profile '${profile}': there are no profiles in ~/.aws/config or ~/.aws/credentials; run "aws configure --profile ${profile}"`);
      const { suggest } = await loadCommandLanguage();
      const near = suggest(profile, known);
      return failure(`no profile '${profile}' in ~/.aws/config or ~/.aws/credentials${near ? `; did you mean ${near}?` : `; known: ${known.join(', ')}`}`);
    }
    return switched(context, { backend: 'aws', profile });
  },

  '.region': async (args, context) => {
    const [region] = args;
    if (region === undefined) return info(`region: ${context.session.state.region ?? 'not set'}`);
    if (args.length > 1) return failure('usage: .region [region]');
    if (!(await isKnownRegion(region))) {
      const { suggest } = await loadCommandLanguage();
      const near = suggest(region, AWS_REGIONS);
      return failure(`'${region}' is not an AWS region${near ? `; did you mean ${near}?` : ' (e.g. us-east-1, eu-west-1; Tab lists them)'}`);
    }
    const outcome = await switched(context, { region });
    if (!outcome.ok) return outcome;
    // Clusters belong to a region: the shell's .cluster may not be in this one.
    const { clusterMissingNote } = await import('./cluster-in-region.js');
    const note = await clusterMissingNote(context);
    return note ? info(`${outcome.output}${note}`) : outcome;
  },

  '.runtime': runtimeCommand,

  '.logs': logsCommand,

  '.endpoints': endpointsCommand,

  '.history': (args, context) => {
    const count = args[0] === undefined ? 20 : Number(args[0]);
    if (!Number.isInteger(count) || count < 1) return failure(`usage: .history [count]; got '${args.join(' ')}'`);
    const entries = context.history.entries;
    const first = Math.max(0, entries.length - count);
    const width = String(entries.length).length;
    const lines = entries.slice(first).map((line, i) => `${String(first + i + 1).padStart(width)}  ${line}`);
    return lines.length > 0 ? { ok: true, output: `${lines.join('\n')}\n`, format: 'plain' } : info('no history yet');
  },

  '.edit': (args, context) => {
    if (!context.edit) return failure('.edit needs a terminal: it is for the interactive shell');
    if (args.length > 0) return failure('usage: .edit (it edits the last command)');
    const last = [...context.history.entries].reverse().find((line) => !line.startsWith('.edit'));
    const edited = context.edit(last ?? '');
    if (edited.error) return failure(edited.error);
    if (!edited.lines || edited.lines.length === 0) return info('nothing to run: the file was saved empty');
    return { ...NOTHING, then: edited.lines };
  },

  // The interactive shell's screen runs these itself; anywhere else there is no pane to show.
  '.pane': () => failure('.pane needs a terminal: the live panes are part of the interactive shell'),
  '.layout': () => failure('.layout needs a terminal: the live panes are part of the interactive shell'),

  // Players, lessons and recordings on the screen: their code loads when first used.
  '.demo': (args, context) => screenCommand('.demo', args, context),
  '.learn': (args, context) => screenCommand('.learn', args, context),
  '.record': (args, context) => screenCommand('.record', args, context),

  '.clear': () => ({ ...NOTHING, clear: true }),

  '.exit': () => ({ ...NOTHING, exit: true }),
};

async function screenCommand(name: '.demo' | '.learn' | '.record', args: string[], context: ShellContext): Promise<LineOutcome> {
  const { SCREEN_COMMANDS } = await import('./demo/screen-commands.js');
  return SCREEN_COMMANDS[name](args, context);
}

/** Runs a line that starts with a dot. */
export async function runDotCommand(line: string, context: ShellContext, options: RunLineOptions = {}): Promise<LineOutcome> {
  const [name, ...args] = dotWords(line);
  const handler = name !== undefined && Object.hasOwn(HANDLERS, name) ? HANDLERS[name]! : undefined;
  if (!handler) {
    const { suggest } = await loadCommandLanguage();
    const near = suggest(name ?? '.', DOT_COMMANDS.map((command) => command.name));
    return failure(`unknown command '${name}'${near ? `; did you mean ${near}?` : '; .help lists the shell commands'}`);
  }
  return handler(args, context, options);
}

/**
 * Switches the session and says where the shell is now. Once a switch works, the backend it
 * is on is remembered with the change (an earlier `.backend aws` may have failed only for
 * want of the region this switch gives).
 */
async function switched(context: ShellContext, changes: Parameters<ShellContext['session']['switchTo']>[0]): Promise<LineOutcome> {
  try {
    await context.session.switchTo(changes);
  } catch (error) {
    return failure((error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' '));
  }
  context.settings?.update({ ...changes, backend: context.session.state.kind });
  context.resources?.invalidate();
  return info(describeSession(context.session.state));
}

function describeSession(state: SessionState): string {
  const where = state.kind === 'aws' ? `AWS, ${state.label}` : state.label === 'sandbox' ? 'the sandbox (in-process)' : `the sandbox at ${state.label}`;
  return `backend: ${where}${state.kind === 'sandbox' && state.region ? `, region ${state.region}` : ''}${state.error ? ` (not started: ${state.error})` : ''}`;
}

/** Dot command words: split on spaces, with "..." and '...' kept together. */
function dotWords(line: string): string[] {
  const words: string[] = [];
  for (const match of line.trim().matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) words.push(match[1] ?? match[2] ?? match[3]!);
  return words;
}
