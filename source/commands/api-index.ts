import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The completion index (completions/<service>.json): every operation of a service with its
 * parameters as the AWS CLI names them, their types, enums and nested shapes. The command
 * language reads it to parse a line; the completer reads it to offer what can come next.
 */
export type ShapeType =
  | 'string'
  | 'integer'
  | 'long'
  | 'double'
  | 'float'
  | 'boolean'
  | 'timestamp'
  | 'blob'
  | 'list'
  | 'map'
  | 'structure';

export interface Shape {
  type: ShapeType;
  required?: boolean;
  doc?: string;
  enum?: string[];
  /** The element of a list. */
  member?: Shape;
  /** The key and value of a map. */
  key?: Shape;
  value?: Shape;
  /** The members of a structure, by their API name. */
  members?: Record<string, Shape>;
}

export interface ParamSpec {
  /** The API input member this option sets. */
  member: string;
  type: ShapeType;
  required: boolean;
  doc?: string;
  enum?: string[];
  /** Which live values complete it (cluster, service, task, ...). */
  resource?: string;
  /** For list, map and structure: the whole shape of the value. */
  shape?: Shape;
}

export interface PaginationSpec {
  inputToken: string;
  outputToken: string;
  limitKey?: string;
  /** Where the items are in a page; the first one is counted for --max-items. */
  resultKeys: string[];
  /** Keys kept from the first page when pages are merged. */
  nonAggregateKeys?: string[];
  /** A boolean in a page that says whether more pages follow. */
  moreResults?: string;
}

export interface OperationSpec {
  /** The API name; the SDK command is `${name}Command`. */
  name: string;
  doc?: string;
  params: Record<string, ParamSpec>;
  pagination?: PaginationSpec;
}

export interface ServiceIndex {
  service: string;
  sdkPackage: string;
  sdkClient: string;
  operations: Record<string, OperationSpec>;
}

/** The services whose index can be loaded, by the word typed in the shell. */
export interface ApiIndex {
  readonly services: readonly string[];
  service(name: string): ServiceIndex | undefined;
}

/** The services a Backend has a client for, in the order they are offered. */
export const SERVICE_WORDS = ['ecs', 'ec2', 'elb', 'elbv2'] as const;

export function defaultCompletionsDir(): string {
  // The same relative path from source/commands/ and from dist/commands/.
  return fileURLToPath(new URL('../../completions/', import.meta.url));
}

/**
 * The index in completions/: each service's file is read the first time that service is
 * used, so that a shell that only ever types `ecs ...` never parses EC2's large index.
 */
export function loadApiIndex(dir: string = defaultCompletionsDir()): ApiIndex {
  const services = SERVICE_WORDS.filter((word) => existsSync(join(dir, `${word}.json`)));
  const loaded = new Map<string, ServiceIndex>();
  return {
    services,
    service(name) {
      if (!services.includes(name as (typeof SERVICE_WORDS)[number])) return undefined;
      let index = loaded.get(name);
      if (!index) {
        index = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as ServiceIndex;
        loaded.set(name, index);
      }
      return index;
    },
  };
}

/** An index over services already in memory (tests, generated data). */
export function apiIndexOf(indexes: readonly ServiceIndex[]): ApiIndex {
  const byName = new Map(indexes.map((index) => [index.service, index]));
  return { services: [...byName.keys()], service: (name) => byName.get(name) };
}

/** The full shape of a parameter's value (scalars carry no nested shape in the index). */
export function shapeOfParam(param: ParamSpec): Shape {
  return param.shape ?? { type: param.type, enum: param.enum };
}

export function isScalarType(type: ShapeType): boolean {
  return type !== 'list' && type !== 'map' && type !== 'structure';
}
