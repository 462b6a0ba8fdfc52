import { commandClass, type Backend, type SdkCommand, type ServiceWord } from '../api/index.js';
import { CommandError, formatError } from './errors.js';
import { gatherPages, type Page } from './paginate.js';
import type { ParsedCall } from './parse-command.js';

export interface CommandResult {
  /** The service word (ecs) and the API operation (ListClusters). */
  service: string;
  operation: string;
  /** The response as the CLI shows it: pages merged, SDK metadata removed. Values are the SDK's (Date, Uint8Array). */
  output: Page;
  /** When pages were gathered: each page as shown (the text output prints page by page). */
  paged?: {
    pages: Page[];
    resultKeys: string[];
    nonAggregate: Page;
    resumeToken?: string;
  };
}

/** A call that failed: the message is the one line to show; `code` is the AWS error code when AWS gave one. */
export class CallFailed extends Error {
  override readonly name = 'CallFailed';
  constructor(
    message: string,
    readonly code: string | undefined,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

export interface RunOptions {
  /** Cancels the call (ctrl-c): the SDK request is aborted. */
  signal?: AbortSignal;
}

const SERVICE_HOSTS: Record<ServiceWord, string> = { ecs: 'ecs', ec2: 'ec2', elb: 'elasticloadbalancing', elbv2: 'elasticloadbalancing' };

/**
 * Sends a parsed call through the backend's SDK client (`${operation}Command` from the
 * service's package, so every operation works) and, for operations that return pages,
 * gathers them as the CLI does unless told not to.
 */
export async function runCommand(backend: Backend, call: ParsedCall, options: RunOptions = {}): Promise<CommandResult> {
  const word = call.service.service;
  if (!Object.hasOwn(SERVICE_HOSTS, word)) throw new CommandError(`the backend has no client for '${word}'`);
  const Command = commandClass(call.service.sdkPackage, call.operation.name);
  if (!Command) throw new CommandError(`${call.operation.name} is not in the installed ${call.service.sdkPackage}; update the SDK or the index`);
  // The four clients' send() differ only in their command types; any command of the package fits its client.
  const client = backend[word] as unknown as { send(command: SdkCommand, options?: { abortSignal?: AbortSignal }): Promise<unknown> };
  const endpoint = backend.endpoints ?? `https://${SERVICE_HOSTS[word]}.${backend.region}.amazonaws.com/`;

  const send = async (input: Page): Promise<Page> => {
    try {
      const response = (await client.send(new Command(input), { abortSignal: options.signal })) as Page;
      const { $metadata: _metadata, ...output } = response;
      return output;
    } catch (error) {
      const code = (error as { $fault?: unknown }).$fault !== undefined ? (error as Error).name : undefined;
      throw new CallFailed(formatError(error, { operation: call.operation.name, endpoint }), code, error);
    }
  };

  const base = { service: word, operation: call.operation.name };
  const pagination = call.operation.pagination;
  if (!pagination || !call.options.paginate) return { ...base, output: await send(call.input) };
  const gathered = await gatherPages(pagination, call.input, call.options, send);
  return {
    ...base,
    output: gathered.result,
    paged: {
      pages: gathered.pages,
      resultKeys: pagination.resultKeys,
      nonAggregate: gathered.nonAggregate,
      resumeToken: gathered.resumeToken,
    },
  };
}
