import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** How long `docker info` gets to answer before the engine counts as absent. */
const DOCKER_INFO_TIMEOUT_MS = 10_000;

const known = new Map<string, Promise<boolean>>();

/**
 * Whether what a step `# requires` is on this machine: `docker` means a Docker engine that
 * answers `docker info` (the client alone is not enough); `screen`, the shell's screen (a live
 * pane), which every player but the headless verifier has; any other name, that program on
 * the PATH. Asked once per process.
 */
export function requirementMet(name: string): Promise<boolean> {
  // A player that asks is drawing the shell's screen; the headless verifier skips these itself.
  if (name === 'screen') return Promise.resolve(true);
  let answer = known.get(name);
  if (!answer) {
    answer = name === 'docker' ? dockerAnswers() : Promise.resolve(onPath(name));
    known.set(name, answer);
  }
  return answer;
}

/** The note a player shows for a step it skips. */
export function requirementNote(name: string): string {
  if (name === 'docker') return 'skipped: no Docker engine answers `docker info` here; start Docker to run this step';
  if (name === 'screen') return 'skipped: this step needs the shell\'s screen (ecsh demo play --mode present or auto)';
  return `skipped: ${name} is not installed here (not on the PATH)`;
}

/** The first of `names` that is not here, if any. */
export async function missingRequirement(names: readonly string[] = []): Promise<string | undefined> {
  for (const name of names) if (!(await requirementMet(name))) return name;
  return undefined;
}

function dockerAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: DOCKER_INFO_TIMEOUT_MS, windowsHide: true }, (error) => resolve(error === null));
  });
}

function onPath(name: string): boolean {
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (directory === '') continue;
    for (const extension of extensions) {
      try {
        accessSync(join(directory, name + extension), constants.X_OK);
        return true;
      } catch {
        // Not in this directory.
      }
    }
  }
  return false;
}
