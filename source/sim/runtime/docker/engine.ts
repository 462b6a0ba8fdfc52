import Docker from 'dockerode';

/**
 * The Docker engine ecsh talks to: DOCKER_HOST when set (unix://, tcp://, npipe://), else the
 * local socket, as the docker CLI finds it. Published ports go to this machine's loopback, so
 * the engine has to be a local one.
 */
const PING_TIMEOUT_MS = 3000;

/** Where the engine is looked for, as a user would write it in DOCKER_HOST. */
export function engineAddress(): string {
  return process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
}

/** The one line said when no engine answers: where it looked, how to start one, and what happens meanwhile. */
export function noEngineMessage(detail: string, meanwhile: string): string {
  return (
    `ecsh: no Docker engine answers at ${engineAddress()} (${detail}); start one (sudo systemctl start docker, or ` +
    `sudo dockerd --host unix:///tmp/ecsh-docker.sock & with DOCKER_HOST=unix:///tmp/ecsh-docker.sock) and try again; ${meanwhile}`
  );
}

/** A client of the engine if it answers a ping in time; otherwise why not. */
export async function connectEngine(): Promise<{ docker: Docker } | { error: string }> {
  let docker: Docker;
  try {
    docker = new Docker();
  } catch (error) {
    return { error: (error as Error).message };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${PING_TIMEOUT_MS / 1000} s`)), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([docker.ping(), timeout]);
    return { docker };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { error: code ? `${code}: ${(error as Error).message}` : (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
