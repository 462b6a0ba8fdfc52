// The completion engine's public surface: the line completer, fuzzy ranking, live resource
// names (a cache in front of a provider), and finding a task by the start of its id. The API
// index it completes from is the command language's (commands/index.ts).
export { completeLine, DEFAULT_CANDIDATE_LIMIT } from './complete-line.js';
export type {
  Candidate,
  CandidateKind,
  CompletionContext,
  CompletionOptions,
  CompletionResult,
  DotCommandSpec,
  EcsCliNameKind,
  EcsCliSource,
  ResourceSource,
} from './completion-types.js';
export { createEcsCliSource, type EcsCliSourceOptions } from './ecs-cli-source.js';
export { GLOBAL_OPTIONS, globalOption, type GlobalOption } from './global-options.js';
export { directoryEntries } from './file-paths.js';
export { compareNames, matchText, matchTarget, rankItems, type MatchMode, type MatchTarget, type Ranked, type RankOptions, type RankResult } from './fuzzy-rank.js';
export { splitLine, type LineWord, type SplitLine } from './line-words.js';
export {
  ResourceCache,
  CLUSTER_SCOPED_KINDS,
  type ListedKind,
  DEFAULT_RESOURCE_TTL_MS,
  type ResourceCacheOptions,
  type ResourceListener,
  type ResourceLookup,
  type ResourceProvider,
} from './resource-cache.js';
export { resourcesChangedBy } from './resource-changes.js';
export { createSdkResourceProvider, DEFAULT_MAX_RESOURCE_ITEMS, type ResourceClients, type ResourceProviderOptions } from './resource-providers.js';
export { findTaskByPrefix, type FoundTask, type TaskLookup } from './task-id-prefix.js';
