import type { ApiIndex } from '../commands/index.js';

type CommandsModule = typeof import('../commands/index.js');

export interface CommandLanguage {
  executeLine: CommandsModule['executeLine'];
  suggest: CommandsModule['suggest'];
  /** The API index of completions/, each service's file read when first used. */
  index: ApiIndex;
}

let loading: Promise<CommandLanguage> | undefined;

/**
 * The command language, loaded when the first line runs (or help needs the index) rather
 * than before the first prompt, which it is not needed for.
 */
export function loadCommandLanguage(): Promise<CommandLanguage> {
  loading ??= import('../commands/index.js').then((commands) => ({
    executeLine: commands.executeLine,
    suggest: commands.suggest,
    index: commands.loadApiIndex(),
  }));
  return loading;
}
