import type Docker from 'dockerode';

/**
 * A task's images, as the agent gets them: used as they are when the engine has them, pulled
 * otherwise. A pull that fails, or that goes quiet (offline, a registry that never answers),
 * ends with the error ECS reports, `CannotPullContainerError: ...`, so that the task stops
 * instead of waiting for ever.
 */
const PULL_IDLE_TIMEOUT_MS = 20_000;

/** Docker's message from a failed call, as the agent passes it on. */
export function daemonMessage(error: unknown): string {
  const json = (error as { json?: { message?: unknown } }).json;
  const message = typeof json?.message === 'string' ? json.message : (error as Error).message;
  return `Error response from daemon: ${message.trim()}`;
}

export class PullError extends Error {
  constructor(message: string) {
    super(`CannotPullContainerError: ${message}`);
  }
}

async function present(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

/** One line of Docker's progress stream (a pull, an import); nothing for a blank or garbled one. */
export function parseProgressLine(line: string): { error?: string } | undefined {
  try {
    return line.trim() ? (JSON.parse(line) as { error?: string }) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a pull's progress to its end; rejects on an error line or when nothing comes for a while. */
function followPull(stream: NodeJS.ReadableStream, image: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let timer: NodeJS.Timeout;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      stream.removeAllListeners('data');
      if (error) {
        (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
        reject(error);
      } else resolve();
    };
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(new PullError(`pulling ${image}: no progress in ${PULL_IDLE_TIMEOUT_MS / 1000} s`)), PULL_IDLE_TIMEOUT_MS);
    };
    arm();
    stream.on('data', (chunk: Buffer) => {
      arm();
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        const progress = parseProgressLine(line);
        if (progress?.error) return finish(new PullError(`Error response from daemon: ${progress.error}`));
      }
    });
    stream.on('error', (error: Error) => finish(new PullError(error.message)));
    stream.on('end', () => finish());
  });
}

/** Makes sure the engine has `image`, pulling it if need be. Rejects with a PullError. */
export async function ensureImage(docker: Docker, image: string): Promise<void> {
  try {
    if (await present(docker, image)) return;
    await followPull(await docker.pull(image), image);
  } catch (error) {
    throw error instanceof PullError ? error : new PullError(daemonMessage(error));
  }
}
