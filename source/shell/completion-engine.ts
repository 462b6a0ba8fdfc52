import type { CompletionResult, MatchMode, ResourceCache, ResourceProvider } from '../completion/index.js';
import { awsProfileNames } from './aws-profiles.js';
import { AWS_REGIONS } from './aws-regions.js';
import { loadCommandLanguage } from './command-language.js';
import { dotCommandSpecs } from './dot-command-list.js';
import type { Session } from './session.js';

/** Completion as the prompt uses it: the line and cursor in, ranked candidates out, never throwing. */
export interface CompletionEngine {
  /** `cwd` is where the shell runs commands (a playing demo's directory), which paths are relative to; default: the process's. */
  complete(text: string, cursor: number, options: { mode: MatchMode; cluster?: string; cwd?: string }): CompletionResult;
  /** Live resource names: the prompt redraws when they land; commands mark them out of date. */
  readonly resources: ResourceCache;
}

export interface CompletionEngineOptions {
  /** Where resource names come from (default: the session's backend, through the SDK). */
  provider?: ResourceProvider;
  /** The AWS profiles `.profile` completes (default: those in ~/.aws). */
  profiles?: string[];
}

/**
 * Loads the completion engine, which the first prompt does not wait for: its resource
 * lists bring in the SDK packages, which take longer to load than everything else.
 */
export async function loadCompletionEngine(session: Session, options: CompletionEngineOptions = {}): Promise<CompletionEngine> {
  // The command language's index, so that each service's file is read and held once.
  const [completion, { index: catalog }] = await Promise.all([import('../completion/index.js'), loadCommandLanguage()]);
  const provider: ResourceProvider =
    options.provider ??
    (async (kind, scope) => {
      const backend = await session.backend();
      return completion.createSdkResourceProvider({ ecs: backend.ecs, ec2: backend.ec2 })(kind, scope);
    });
  const resources = new completion.ResourceCache({ provider, scopeKey: () => session.scopeKey() });
  const profiles = options.profiles ?? awsProfileNames();
  const dotCommands = dotCommandSpecs(profiles);
  let cwd = process.cwd();
  // ecs-cli's spec is read at the first completion, not before, as the API index's files are.
  const ecsCli = completion.createEcsCliSource({ catalog, awsProfiles: profiles, regions: AWS_REGIONS, cwd: () => cwd });
  const paths = (directory: string) => completion.directoryEntries(cwd, directory);
  return {
    resources,
    complete(text, cursor, { mode, cluster, cwd: directory }) {
      cwd = directory ?? process.cwd();
      try {
        return completion.completeLine(text, cursor, { catalog, ecsCli, dotCommands, mode, resources, paths, regions: AWS_REGIONS, ...(cluster ? { defaultCluster: cluster } : {}) });
      } catch (error) {
        // A broken index file: say so where the menu would be, and keep the prompt.
        const reason = (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
        return { context: { kind: 'none', reason }, query: '', replace: { start: cursor, end: cursor }, candidates: [], total: 0, pending: false };
      }
    },
  };
}
