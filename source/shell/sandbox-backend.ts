import type { Backend } from '../api/index.js';
import { oneLine } from './one-line.js';
import { failure, type LineOutcome, type ShellContext } from './shell-context.js';

/**
 * The backend for a dot command that works on the sandbox only, or the one-line failure to print
 * instead: `onAws` when the session is on AWS (checked before starting anything, and again once
 * started, in case the session switched meanwhile), or why the backend could not start.
 */
export async function sandboxBackend(context: ShellContext, onAws: string): Promise<{ backend: Backend } | { failed: LineOutcome }> {
  if (context.session.state.kind === 'aws') return { failed: failure(onAws) };
  let backend: Backend;
  try {
    backend = await context.session.backend();
  } catch (error) {
    return { failed: failure(oneLine(error)) };
  }
  return backend.kind === 'aws' ? { failed: failure(onAws) } : { backend };
}
