import { EventEmitter } from 'node:events';

/** How much of a container's output is kept for its logs. */
export const MAX_LOG_LINES = 1000;

/**
 * What a runtime's containers printed, by task and container: the last lines of each (stdout
 * and stderr together), and whoever follows a container's new lines (`.logs --follow`). Both
 * runtimes keep their containers' output here, so that the logs read alike on either.
 */
export class LogBook {
  private readonly byTask = new Map<string, Map<string, string[]>>();
  private readonly feed = new EventEmitter();

  constructor() {
    // One follower per open `.logs --follow`: there is no fixed bound to warn at.
    this.feed.setMaxListeners(0);
  }

  /** What the container printed, oldest first (empty for one that printed nothing). */
  lines(taskArn: string, containerName: string): string[] {
    return (this.byTask.get(taskArn)?.get(containerName) ?? []).slice(-MAX_LOG_LINES);
  }

  append(taskArn: string, containerName: string, line: string): void {
    let containers = this.byTask.get(taskArn);
    if (!containers) {
      containers = new Map();
      this.byTask.set(taskArn, containers);
    }
    let lines = containers.get(containerName);
    if (!lines) {
      lines = [];
      containers.set(containerName, lines);
    }
    lines.push(line);
    // Trimmed in batches: a web server logs a line per request, and a shift per line costs the whole array.
    if (lines.length >= 2 * MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
    this.feed.emit(feedKey(taskArn, containerName), line);
  }

  /** Calls `onLine` with each line the container prints from now on, until the returned function is called. */
  follow(taskArn: string, containerName: string, onLine: (line: string) => void): () => void {
    const key = feedKey(taskArn, containerName);
    this.feed.on(key, onLine);
    return () => this.feed.off(key, onLine);
  }

  /** Forgets the output of the tasks that `gone` says are gone. */
  prune(gone: (taskArn: string) => boolean): void {
    for (const arn of this.byTask.keys()) if (gone(arn)) this.byTask.delete(arn);
  }
}

function feedKey(taskArn: string, containerName: string): string {
  return `${taskArn}\u0000${containerName}`;
}
