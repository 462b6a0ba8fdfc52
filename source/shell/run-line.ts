import { loadCommandLanguage } from './command-language.js';
import { runDotCommand } from './dot-commands.js';
import { oneLine } from './one-line.js';
import { failure, NOTHING, type LineOutcome, type OutputFormat, type RunLineOptions, type ShellContext } from './shell-context.js';
import { runSystemCommand, systemCommandEnv } from './system-command.js';

/**
 * One line as the shell reads it: a shell command (`.cluster demo`), a system command
 * (`!ls`), a comment or an API command (`ecs list-clusters`). Whatever happens, the answer is
 * an outcome with the error in one line, never an exception.
 */
export async function runLine(line: string, context: ShellContext, options: RunLineOptions = {}): Promise<LineOutcome> {
  const trimmed = line.trim();
  try {
    if (trimmed === '' || trimmed.startsWith('#')) return NOTHING;
    if (trimmed.startsWith('.')) return await runDotCommand(trimmed, context, options);
    if (trimmed.startsWith('!')) return await systemCommand(trimmed.slice(1).trim(), context, options);
    if (ECS_CLI_LINE.test(trimmed)) return await ecsCliCommand(trimmed, context, options);
    return await apiCommand(trimmed, context, options);
  } catch (error) {
    return failure(oneLine(error).trim());
  }
}

async function systemCommand(command: string, context: ShellContext, options: RunLineOptions): Promise<LineOutcome> {
  if (command === '') return failure('expected a command after !, such as !ls');
  const result = await runSystemCommand(command, options.signal, context.cwd, await systemCommandEnv(context.session));
  return { ok: result.error === undefined, output: result.output, format: 'plain', ...(result.error ? { error: result.error } : {}) };
}

/** ecs-cli's verbs, with `ecs-cli` in front or not; their module is loaded when first used. */
const ECS_CLI_LINE = /^(ecs-cli|configure|up|down|scale|ps|compose)(\s|$)/;

/**
 * An ecs-cli line: its progress goes out as it is printed when the caller takes it, and `down`
 * asks its [y/N] where someone can answer (without them, it needs --force).
 */
async function ecsCliCommand(line: string, context: ShellContext, options: RunLineOptions): Promise<LineOutcome> {
  const [{ runEcsCliLine, confirmWith }, backend] = await Promise.all([import('../commands/ecs-cli/index.js'), context.session.backend()]);
  const session = { cluster: context.session.cluster, setCluster: (cluster: string) => context.session.setCluster(cluster) };
  const result = await runEcsCliLine(line, {
    backend,
    session,
    cwd: context.cwd,
    signal: options.signal,
    ...(context.ecsCliConfig ? { config: context.ecsCliConfig } : {}),
    ...(context.ecsCliClock ? { clock: context.ecsCliClock } : {}),
    ...(context.ask ? { confirm: confirmWith(context.ask) } : {}),
    ...(options.progress ? { onOutput: options.progress } : {}),
  });
  context.resources?.invalidate();
  return result.ok ? { ok: true, output: result.output, format: 'plain' } : failure(result.error!, result.output);
}

async function apiCommand(line: string, context: ShellContext, options: RunLineOptions): Promise<LineOutcome> {
  const [language, backend] = await Promise.all([loadCommandLanguage(), context.session.backend()]);
  if (options.signal?.aborted) return failure('cancelled');
  const outcome = await language.executeLine(line, {
    backend,
    backendIn: (region) => context.session.backendIn(region),
    index: language.index,
    defaultCluster: context.session.cluster,
    terminalWidth: options.terminalWidth,
    signal: options.signal,
    cwd: context.cwd,
  });
  if (!outcome.ok) return { ...failure(outcome.text), ...(outcome.status !== undefined ? { status: outcome.status } : {}) };
  if (outcome.result) context.resources?.invalidateAfter(outcome.result.service, outcome.result.operation);
  const output = outcome.parsed?.kind === 'call' ? (outcome.parsed.options.output ?? 'json') : 'json';
  const format: OutputFormat = output === 'json' || output === 'table' ? output : 'plain';
  return { ok: true, output: outcome.text, format };
}

