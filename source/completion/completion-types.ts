// What the completion engine is given and what it answers.
import type { ServiceWord } from '../api/index.js';
import type { ApiIndex, OperationSpec, ParamSpec, ResourceKind, ShapeType } from '../commands/index.js';
import type { CommandSpec, EcsCliSpec, FlagSpec, FlagType } from '../commands/ecs-cli/index.js';
import type { MatchMode } from './fuzzy-rank.js';
import type { GlobalOption } from './global-options.js';
import type { ListedKind, ResourceLookup } from './resource-cache.js';

/** A dot command the shell offers (`.cluster`), with what its argument completes from. */
export interface DotCommandSpec {
  name: string;
  doc: string;
  values?: readonly string[];
  resource?: ResourceKind;
}

/** Where resource names come from (a ResourceCache): never waits. */
export interface ResourceSource {
  lookup(kind: ListedKind, cluster?: string): ResourceLookup;
}

/** Names an ecs-cli flag's value completes from, besides live resources and files. */
export type EcsCliNameKind = 'region' | 'ecs-profile' | 'aws-profile' | 'cluster-config' | 'instance-type';

/** What ecs-cli lines complete from: its spec and names found on this machine. Never waits. */
export interface EcsCliSource {
  /** completions/ecs-cli.json, read when first needed. */
  spec(): EcsCliSpec;
  names(kind: EcsCliNameKind): readonly string[];
  /** The entries of a directory (`''` is where the shell runs), directories ending in `/`; none when it cannot be read. */
  entries(directory: string): readonly string[];
}

export interface CompletionOptions {
  /** The API index by service word, the one the command language parses lines with. */
  catalog: ApiIndex;
  /** ecs-cli's verbs (`ecs-cli ...`, `up ...`); without it, such lines complete nothing. */
  ecsCli?: EcsCliSource;
  dotCommands?: readonly DotCommandSpec[];
  mode?: MatchMode;
  /** The cluster set with `.cluster`, used when the line names none. */
  defaultCluster?: string;
  resources?: ResourceSource;
  /**
   * The entries of a directory relative to the shell's working directory (`''` is that directory),
   * directories ending in `/`, for `file://` values; without it, paths complete nothing.
   */
  paths?: (directory: string) => readonly string[];
  /** The regions `--region` offers. */
  regions?: readonly string[];
  /** Most candidates returned (default 100). */
  limit?: number;
}

export type CandidateKind = 'service' | 'dot-command' | 'operation' | 'parameter' | 'global-option' | 'value' | 'resource' | 'shorthand-key';

export interface Candidate {
  kind: CandidateKind;
  /** What the menu shows. */
  label: string;
  /** What replaces the range, quoted as needed; the shell adds a space after it unless `noSpace`. */
  insert: string;
  noSpace?: boolean;
  doc?: string;
  /** 'flag' takes no value. */
  type?: ShapeType | FlagType | 'flag';
  required?: boolean;
  /** Indexes of the matched characters in `label`, for highlighting. */
  positions: number[];
  score: number;
}

export type CompletionContext =
  /** The first word: a service or a dot command. */
  | { kind: 'command' }
  | { kind: 'operation'; service: ServiceWord }
  | { kind: 'parameter'; service: ServiceWord; operation: string; entry: OperationSpec }
  | {
      kind: 'value';
      service: ServiceWord;
      operation: string;
      entry: OperationSpec;
      /** The parameter (CLI name, without --) whose value is being typed. */
      parameter: string;
      param?: ParamSpec;
      option?: GlobalOption;
      resource?: ListedKind;
      /** The cluster whose resource names are listed (from --cluster, else the default), for names that belong to one. */
      cluster?: string;
      /** Inside a shorthand structure value, the member whose value is typed. */
      shorthandKey?: string;
    }
  | { kind: 'dot-argument'; command: DotCommandSpec }
  /** After `ecs-cli` or a verb typed alone: a subcommand or a flag of `command`. */
  | { kind: 'ecs-cli-command'; command: CommandSpec }
  /** The value of an ecs-cli flag (`--cluster `, `-f `, `--size=`). */
  | { kind: 'ecs-cli-value'; command: CommandSpec; flag: string; spec: FlagSpec; resource?: ListedKind }
  /** Nothing to complete here; `reason` says why (unknown operation, a shell escape...). */
  | { kind: 'none'; reason: string };

export interface CompletionResult {
  context: CompletionContext;
  /** The text the candidates were matched against. */
  query: string;
  /** The part of the line an accepted candidate's `insert` replaces (end exclusive). */
  replace: { start: number; end: number };
  candidates: Candidate[];
  /** How many candidates matched in all (candidates holds at most the limit). */
  total: number;
  /** Resource names are still being fetched: complete again when the cache reports them. */
  pending: boolean;
  /** Why fetching resource names failed, if it did. */
  error?: string;
}
