import { sdkModule, type Backend, type SdkCommand } from '../api/index.js';
import type { WaiterAcceptor, WaiterSpec } from './api-index.js';
import { CommandError } from './errors.js';
import { jmespath } from './lazy-modules.js';
import type { ParsedCall } from './parse-command.js';
import { waiterPace } from './waiter-pace.js';

/** A wait that ended without success, worded as the AWS CLI words it: `Waiter ServicesStable failed: ...` (exit status 255). */
export class WaiterFailed extends Error {
  override readonly name = 'WaiterFailed';
}

type Client = { send(command: SdkCommand, options?: { abortSignal?: AbortSignal }): Promise<unknown>; config?: unknown };
type WaitUntil = (
  params: { client: Client; maxWaitTime: number; minDelay: number; maxDelay: number; abortController: AbortController; abortSignal?: AbortSignal },
  input: Record<string, unknown>,
) => Promise<unknown>;

/**
 * `SERVICE wait NAME ...`: the SDK's own `waitUntil${NAME}` polls the operation with the input,
 * paced as the CLI paces it (see waiterPace). What the SDK leaves out of the CLI's behaviour is
 * added around the client it polls with: an error no acceptor expects ends the wait at once,
 * and a failure names the acceptor that matched. Resolves when the waiter succeeds.
 */
export async function runWaiter(backend: Backend, call: ParsedCall & { waiter: WaiterSpec }, signal?: AbortSignal): Promise<void> {
  const { waiter } = call;
  const waitUntil = sdkModule(call.service.sdkPackage)[`waitUntil${waiter.name}`] as WaitUntil | undefined;
  if (typeof waitUntil !== 'function') throw new CommandError(`waitUntil${waiter.name} is not in the installed ${call.service.sdkPackage}; update the SDK or the index`);
  const client = backend[call.service.service] as unknown as Client;
  const pace = await waiterPace(backend, waiter, signal);
  const stop = new AbortController();
  const seen: Observed = {};
  let checks = 0;

  const polled: Client = {
    config: client.config,
    async send(command) {
      if (checks > 0) {
        if (pace.maxChecks !== undefined && checks >= pace.maxChecks) {
          seen.exhausted = true;
          stop.abort();
          throw new Error('max attempts exceeded');
        }
        await pace.beforeCheck?.();
      }
      checks++;
      try {
        const response = await client.send(command, { abortSignal: signal });
        seen.response = response;
        seen.error = undefined;
        seen.retry = pathAcceptors(waiter, 'retry').find((acceptor) => matches(acceptor, response)) ?? seen.retry;
        return response;
      } catch (error) {
        const expected = waiter.acceptors.find((acceptor) => acceptor.matcher === 'error' && acceptor.expected === (error as Error).name);
        seen.error = error as Error;
        if (!expected) {
          // The CLI stops at an error its acceptors do not expect, rather than polling on.
          seen.unexpected = error as Error;
          stop.abort();
        } else if (expected.state === 'retry') {
          seen.retry = expected;
        }
        throw error;
      }
    },
  };

  try {
    await waitUntil(
      { client: polled, minDelay: pace.delay, maxDelay: pace.delay, maxWaitTime: pace.maxWaitTime, abortController: stop, ...(signal ? { abortSignal: signal } : {}) },
      call.input,
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    // As in the CLI, an error that is not the service's (no connection) is said as for any call.
    if (seen.unexpected && (seen.unexpected as { $fault?: unknown }).$fault === undefined) throw seen.unexpected;
    throw new WaiterFailed(`Waiter ${waiter.name} failed: ${reasonOf(waiter, seen, error as Error)}`);
  }
}

/** What the checks met, for the CLI's reason when the wait fails. */
interface Observed {
  /** The last check's response, or its error. */
  response?: unknown;
  error?: Error;
  /** The last retry acceptor that matched ("Previously accepted state"). */
  retry?: WaiterAcceptor;
  /** An error no acceptor expects: the wait stopped there. */
  unexpected?: Error;
  /** The CLI's number of checks was made (where checks are counted). */
  exhausted?: boolean;
}

function reasonOf(waiter: WaiterSpec, seen: Observed, error: Error): string {
  if (seen.unexpected) return `An error occurred (${seen.unexpected.name}): ${seen.unexpected.message || 'Unknown'}`;
  if (seen.exhausted || error.name === 'TimeoutError') {
    return seen.retry ? `Max attempts exceeded. Previously accepted state: ${explanation(seen.retry)}` : 'Max attempts exceeded';
  }
  const failure = seen.error
    ? waiter.acceptors.find((a) => a.state === 'failure' && a.matcher === 'error' && a.expected === seen.error!.name)
    : pathAcceptors(waiter, 'failure').find((acceptor) => matches(acceptor, seen.response));
  return `Waiter encountered a terminal failure state${failure ? `: ${explanation(failure)}` : ''}`;
}

function pathAcceptors(waiter: WaiterSpec, state: WaiterAcceptor['state']): WaiterAcceptor[] {
  return waiter.acceptors.filter((acceptor) => acceptor.state === state && acceptor.argument !== undefined);
}

/** botocore's matchers: `path` compares the result; `pathAll` / `pathAny` need a non-empty list whose every / some element equals. */
function matches(acceptor: WaiterAcceptor, response: unknown): boolean {
  let result: unknown;
  try {
    result = jmespath().search(response, acceptor.argument!);
  } catch {
    return false;
  }
  if (acceptor.matcher === 'path') return result === acceptor.expected;
  if (!Array.isArray(result) || result.length === 0) return false;
  return acceptor.matcher === 'pathAll' ? result.every((item) => item === acceptor.expected) : result.includes(acceptor.expected);
}

/** The CLI's (botocore's) words for an acceptor. */
function explanation(acceptor: WaiterAcceptor): string {
  switch (acceptor.matcher) {
    case 'path':
      return `For expression "${acceptor.argument}" we matched expected path: "${acceptor.expected}"`;
    case 'pathAll':
      return `For expression "${acceptor.argument}" all members matched expected path: "${acceptor.expected}"`;
    case 'pathAny':
      return `For expression "${acceptor.argument}" we matched expected path: "${acceptor.expected}" at least once`;
    case 'status':
      return `Matched expected HTTP status code: ${acceptor.expected}`;
    case 'error':
      return `Matched expected service error code: ${acceptor.expected}`;
  }
}
