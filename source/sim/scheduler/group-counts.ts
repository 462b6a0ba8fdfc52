/**
 * One task group's not-STOPPED tasks per container instance ARN, as the sandbox keeps it beside
 * its task index. It also remembers which instances' counts changed since placement last read
 * them: spread needs the count of every instance on every call, and between two calls usually
 * one or two counts move, so placement keeps its own copy by instance position and applies only
 * those (a look-up per changed instance, not one per instance holding the group's tasks).
 */
export class GroupCounts {
  private readonly byArn = new Map<string, number>();
  private changed = new Set<string>();

  /** Adds `delta` tasks on the instance (a count that reaches 0 is forgotten). */
  add(containerInstanceArn: string, delta: number): void {
    const next = (this.byArn.get(containerInstanceArn) ?? 0) + delta;
    if (next > 0) this.byArn.set(containerInstanceArn, next);
    else this.byArn.delete(containerInstanceArn);
    this.changed.add(containerInstanceArn);
  }

  get(containerInstanceArn: string): number {
    return this.byArn.get(containerInstanceArn) ?? 0;
  }

  get size(): number {
    return this.byArn.size;
  }

  forEach(visit: (tasks: number, containerInstanceArn: string) => void): void {
    this.byArn.forEach(visit);
  }

  /** The instances whose counts changed since the last call (their ARNs), and forgets them. */
  takeChanges(): ReadonlySet<string> {
    const changed = this.changed;
    if (changed.size > 0) this.changed = new Set();
    return changed;
  }
}
