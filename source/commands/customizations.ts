import type { OperationSpec, ParamSpec } from './api-index.js';
import { applyRunInstancesCount, COUNT_ARGUMENT, COUNT_MEMBERS } from './run-instances-count.js';

/**
 * What the AWS CLI changes on the user's behalf for particular operations, so that a line
 * copied from AWS's documentation means the same here: arguments of its own in an
 * operation's table (run-instances --count), members it fills in, values it encodes.
 */

interface ArgumentTableChange {
  /** The CLI's own arguments, by option name. */
  add: Record<string, ParamSpec>;
  /** Required members the CLI fills in when they are not given. */
  optional: readonly string[];
}

const ARGUMENT_TABLES: Record<string, ArgumentTableChange> = {
  'ec2 run-instances': { add: { count: COUNT_ARGUMENT }, optional: COUNT_MEMBERS },
};

const customized = new WeakMap<OperationSpec, OperationSpec>();

/**
 * An operation's parameters as the AWS CLI offers them: the API model's (as the index
 * holds them), changed by the CLI's customizations. Parsing, completion and help read this.
 */
export function cliOperation(service: string, operationWord: string, operation: OperationSpec): OperationSpec {
  const key = `${service} ${operationWord}`;
  const change = Object.hasOwn(ARGUMENT_TABLES, key) ? ARGUMENT_TABLES[key] : undefined;
  if (!change) return operation;
  let result = customized.get(operation);
  if (!result) {
    const params = { ...operation.params };
    for (const name of change.optional) if (params[name]) params[name] = { ...params[name], required: false };
    result = { ...operation, params: { ...params, ...change.add } };
    customized.set(operation, result);
  }
  return result;
}

/** What a line gave besides the input: the values of the CLI's own arguments, and the name of every option typed. */
export interface LineArguments {
  cliArguments: Readonly<Record<string, unknown>>;
  typed: ReadonlySet<string>;
}

/** Changes the input as the CLI does before the call. */
export function applyCliCustomizations(service: string, operation: string, input: Record<string, unknown>, line: LineArguments): void {
  if (service === 'ec2' && operation === 'RunInstances') {
    applyRunInstancesCount(input, line.cliArguments.count, line.typed);
    // botocore base64-encodes RunInstances' user data (`--user-data file://boot.sh`); the JS SDK does not.
    if (typeof input.UserData === 'string') input.UserData = Buffer.from(input.UserData, 'utf8').toString('base64');
  }
}
