import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceWord } from '../api/index.js';
import { cliOperation } from './customizations.js';

/**
 * The API index (completions/<service>.json, written by scripts/generate-completion-index.mjs
 * from the installed SDK): every operation of a service with its parameters as the AWS CLI
 * names them, their types, enums and nested shapes. The command language reads it to parse
 * a line; the completer reads it to offer what can come next.
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
  | 'vpc'
  | 'key-pair';

export interface Shape {
  type: ShapeType;
  required?: boolean;
  enum?: string[];
  /** The element of a list. */
  member?: Shape;
  /** The key and value of a map. */
  key?: Shape;
  value?: Shape;
  /** The members of a structure, by their API name; absent on a structure that recurses into itself. */
  members?: Record<string, Shape>;
}

export interface ParamSpec {
  /** The API input member this option sets (the SDK command's input key). */
  member: string;
  type: ShapeType;
  required: boolean;
  doc: string;
  enum?: string[];
  /** Which live values complete it. */
  resource?: ResourceKind;
  /** For list, map and structure: the whole shape of the value. */
  shape?: Shape;
  /** The shorthand it takes, as the AWS CLI's help writes it (`key=string,value=string ...`); none for scalars or values too deep. */
  shorthand?: string;
  /** The AWS CLI's flag for false when it is not `--no-<name>` (e.g. disable-execute-command). */
  negation?: string;
  /** An argument of the AWS CLI's own (run-instances --count), not an API member: customizations.ts reads its value into the input. */
  cliArgument?: boolean;
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
  doc: string;
  /** By AWS CLI option name without the leading `--`. */
  params: Record<string, ParamSpec>;
  pagination?: PaginationSpec;
}

/** One condition of a waiter, as the API model states it (botocore's acceptors). */
export interface WaiterAcceptor {
  state: 'success' | 'failure' | 'retry';
  /** `path`: the expression equals `expected`; `pathAll` / `pathAny`: all / any of its values do; `error`: the call fails with that code; `status`: the call succeeds. */
  matcher: 'path' | 'pathAll' | 'pathAny' | 'error' | 'status';
  /** The JMESPath expression, for the path matchers (absent where it could not be read from the SDK). */
  argument?: string;
  expected: string | number | boolean;
}

/** An AWS CLI `wait` command: the SDK's `waitUntil${name}`, polling an operation until an acceptor matches. */
export interface WaiterSpec {
  /** The SDK's name (ServicesStable), as the CLI's messages say it. */
  name: string;
  /** The operation polled (describe-services), whose parameters the command takes. */
  operation: string;
  doc: string;
  /** Seconds between checks, and how many checks the CLI makes before it fails. */
  delay: number;
  maxAttempts: number;
  acceptors: WaiterAcceptor[];
}

export interface ServiceIndex {
  service: ServiceWord;
  sdkPackage: string;
  sdkVersion: string;
  sdkClient: string;
  /** By AWS CLI operation name (kebab-case). */
  operations: Record<string, OperationSpec>;
  /** The `wait` commands, by AWS CLI name (services-stable). */
  waiters?: Record<string, WaiterSpec>;
}

/** A `wait` command with the parameters it takes (those of the operation it polls, as the CLI offers them). */
export interface WaitCommand {
  waiter: WaiterSpec;
  operation: OperationSpec;
}

/** The services whose index can be loaded, by the word typed in the shell. */
export interface ApiIndex {
  readonly services: readonly ServiceWord[];
  service(name: string): ServiceIndex | undefined;
  /**
   * An operation as the AWS CLI offers it: the API model's parameters changed by the CLI's
   * customizations (run-instances takes --count and needs no --min-count). What a line is
   * parsed, completed and explained with.
   */
  operation(service: string, word: string): OperationSpec | undefined;
  /** `SERVICE wait WORD`: the waiter and the operation whose parameters it takes. */
  waiter(service: string, word: string): WaitCommand | undefined;
}

/** The word after a service that starts a wait command, as in the AWS CLI: `ecs wait services-stable`. */
export const WAIT_WORD = 'wait';

/** The services a Backend has a client for, in the order they are offered. */
export const SERVICE_WORDS: readonly ServiceWord[] = ['ecs', 'ec2', 'elb', 'elbv2'];

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
  const loaded = new Map<ServiceWord, ServiceIndex>();
  return withCliView({
    services,
    service(name) {
      const word = services.find((service) => service === name);
      if (!word) return undefined;
      let index = loaded.get(word);
      if (!index) {
        index = readServiceIndex(word, dir);
        loaded.set(word, index);
      }
      return index;
    },
  });
}

function withCliView(index: Omit<ApiIndex, 'operation' | 'waiter'>): ApiIndex {
  const operation = (service: string, word: string): OperationSpec | undefined => {
    const serviceIndex = index.service(service);
    const found = serviceIndex && Object.hasOwn(serviceIndex.operations, word) ? serviceIndex.operations[word] : undefined;
    return found && cliOperation(serviceIndex!.service, word, found);
  };
  return {
    services: index.services,
    service: (name) => index.service(name),
    operation,
    waiter(service, word) {
      const waiters = index.service(service)?.waiters;
      const waiter = waiters && Object.hasOwn(waiters, word) ? waiters[word] : undefined;
      const polled = waiter && operation(service, waiter.operation);
      return polled && { waiter: waiter!, operation: polled };
    },
  };
}

/** Reads one service's index; the message says which file is broken and how to remake it. */
function readServiceIndex(service: ServiceWord, dir: string): ServiceIndex {
  const file = join(dir, `${service}.json`);
  let index: ServiceIndex;
  try {
    index = JSON.parse(readFileSync(file, 'utf8')) as ServiceIndex;
  } catch (error) {
    throw new Error(`cannot read the completion index ${file}: ${(error as Error).message} (regenerate it with: node scripts/generate-completion-index.mjs)`);
  }
  if (index?.service !== service || typeof index.operations !== 'object') {
    throw new Error(`the completion index ${file} is not the index of ${service}`);
  }
  return index;
}

/** An index over services already in memory (tests, generated data). */
export function apiIndexOf(indexes: readonly ServiceIndex[]): ApiIndex {
  const byName = new Map(indexes.map((index) => [index.service, index]));
  return withCliView({ services: [...byName.keys()], service: (name) => byName.get(name as ServiceWord) });
}

/** The full shape of a parameter's value (scalars carry no nested shape in the index). */
export function shapeOfParam(param: ParamSpec): Shape {
  return param.shape ?? { type: param.type, enum: param.enum };
}

export function isScalarType(type: ShapeType): boolean {
  return type !== 'list' && type !== 'map' && type !== 'structure';
}
