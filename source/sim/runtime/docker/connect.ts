import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { DockerRuntimeOptions } from './docker-runtime.js';
import { connectEngine, noEngineMessage } from './engine.js';

interface DockerChoice {
  /** The sandbox's state file: its containers are labelled with it, to be found again after a restart. */
  statePath?: string;
  keepContainers?: boolean;
  /** Where the one line goes when no engine answers. */
  notify(message: string): void;
}

/**
 * What `--runtime docker` needs, once the engine answers; when it does not, says how to start
 * one and resolves to nothing, and the sandbox runs on the virtual runtime.
 */
export async function connectDockerRuntime(choice: DockerChoice): Promise<DockerRuntimeOptions | undefined> {
  const engine = await connectEngine();
  if ('error' in engine) {
    choice.notify(noEngineMessage(engine.error, 'tasks run on the virtual runtime meanwhile'));
    return undefined;
  }
  // A sandbox without a state file starts afresh each time: nothing of an earlier run is its own.
  const owner = choice.statePath ? `state:${resolve(choice.statePath)}` : `ephemeral:${randomUUID()}`;
  return { docker: engine.docker, owner, keepContainers: choice.keepContainers };
}
