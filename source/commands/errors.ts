/** Bad input to the command language: the message says what was expected, in one line. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export interface ErrorContext {
  /** The API operation being called (DescribeClusters). */
  operation?: string;
  /** The endpoint the call went to, for connection errors. */
  endpoint?: string;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/**
 * Any error as one line, worded as the AWS CLI words it where it has a wording:
 * `An error occurred (ClusterNotFoundException) when calling the DescribeClusters operation: Cluster not found.`
 * Never a stack trace.
 */
export function formatError(error: unknown, context: ErrorContext = {}): string {
  return oneLine(wordingOf(error, context));
}

function wordingOf(error: unknown, context: ErrorContext): string {
  if (error instanceof CommandError) return error.message;
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & { code?: string; $fault?: string; $metadata?: unknown };
  if (e.name === 'AbortError') return 'cancelled';
  if (e.$fault !== undefined && e.$metadata !== undefined) {
    const message = e.message && e.message !== 'UnknownError' ? e.message : 'Unknown';
    return `An error occurred (${e.name}) when calling the ${context.operation ?? 'API'} operation: ${message}`;
  }
  if (e.code && CONNECTION_CODES.has(e.code)) {
    return context.endpoint ? `Could not connect to the endpoint URL: "${context.endpoint}"` : `Could not connect to the endpoint: ${e.message}`;
  }
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') {
    return context.endpoint ? `Read timeout on endpoint URL: "${context.endpoint}"` : `Timed out: ${e.message}`;
  }
  if (e.name === 'CredentialsProviderError') {
    return 'Unable to locate credentials. You can configure credentials by running "aws configure".';
  }
  if (/^Region is missing/.test(e.message)) {
    return 'You must specify a region. You can also configure your region by running "aws configure".';
  }
  return e.message || e.name;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
