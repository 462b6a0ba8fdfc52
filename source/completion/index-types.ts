// The shape of completions/<service>.json, written by scripts/generate-completion-index.mjs
// from the installed SDK: every operation with its AWS CLI name, parameters and pagination.

export type ServiceWord = 'ecs' | 'ec2' | 'elb' | 'elbv2';

export type ParamType =
  | 'string'
  | 'integer'
  | 'long'
  | 'double'
  | 'float'
  | 'boolean'
  | 'timestamp'
  | 'blob'
  | 'document'
  | 'list'
  | 'map'
  | 'structure';

/** Live values a parameter completes from. */
export type ResourceKind =
  | 'cluster'
  | 'service'
  | 'task'
  | 'container-instance'
  | 'task-definition'
  | 'task-definition-family'
  | 'capacity-provider'
  | 'ec2-instance'
  | 'security-group'
  | 'subnet'
  | 'vpc';

/** A nested shape: a list's member, a map's key and value, a structure's members. */
export interface ShapeEntry {
  type: ParamType;
  required?: boolean;
  enum?: string[];
  member?: ShapeEntry;
  key?: ShapeEntry;
  value?: ShapeEntry;
  /** Absent on a structure that recurses into itself. */
  members?: Record<string, ShapeEntry>;
}

export interface ParamEntry {
  /** The API input member (the SDK command's input key). */
  member: string;
  type: ParamType;
  required: boolean;
  doc: string;
  enum?: string[];
  resource?: ResourceKind;
  shape?: ShapeEntry;
  /** The AWS CLI's flag for false when it is not `--no-<name>` (e.g. disable-execute-command). */
  negation?: string;
}

export interface Pagination {
  inputToken: string;
  outputToken: string;
  limitKey?: string;
  resultKeys: string[];
}

export interface OperationEntry {
  /** The API name; the SDK command is `${name}Command`. */
  name: string;
  doc: string;
  /** By AWS CLI option name without the leading `--`. */
  params: Record<string, ParamEntry>;
  pagination?: Pagination;
}

export interface CompletionIndex {
  service: ServiceWord;
  sdkPackage: string;
  sdkVersion: string;
  sdkClient: string;
  /** By AWS CLI operation name (kebab-case). */
  operations: Record<string, OperationEntry>;
}
