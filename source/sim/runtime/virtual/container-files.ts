import { posix } from 'node:path';

/**
 * A container's files, as far as the virtual runtime keeps them: text files by absolute path.
 * Paths under one of its mount points live in that volume (shared with the other containers
 * that mount it); every other path lives in the container's own layer, which goes with it.
 */
export interface Mount {
  containerPath: string;
  volume: Map<string, string>;
}

export class ContainerFiles {
  private readonly mounts: Mount[];

  constructor(
    mounts: Mount[],
    private readonly own: Map<string, string> = new Map(),
  ) {
    // The deepest mount point wins, as a nested mount hides the one above it.
    this.mounts = mounts
      .map((m) => ({ containerPath: posix.resolve('/', m.containerPath), volume: m.volume }))
      .sort((a, b) => b.containerPath.length - a.containerPath.length);
  }

  /** Where absolute paths live, as found: the mounts never change, and a web server reads the same few files. */
  private readonly located = new Map<string, { map: Map<string, string>; key: string }>();

  private locate(path: string, cwd: string): { map: Map<string, string>; key: string } {
    // An absolute path with nothing to resolve is its own answer (posix.resolve costs more than the rest).
    const plain = path.startsWith('/') && !path.includes('/.') && !path.includes('//') && (path.length === 1 || !path.endsWith('/'));
    const absolute = plain ? path : posix.resolve(cwd, path);
    let place = this.located.get(absolute);
    if (!place) {
      place = this.place(absolute);
      if (this.located.size >= 512) this.located.clear();
      this.located.set(absolute, place);
    }
    return place;
  }

  private place(absolute: string): { map: Map<string, string>; key: string } {
    for (const mount of this.mounts) {
      if (absolute === mount.containerPath || absolute.startsWith(`${mount.containerPath}/`)) {
        return { map: mount.volume, key: absolute.slice(mount.containerPath.length).replace(/^\//, '') };
      }
    }
    return { map: this.own, key: absolute };
  }

  read(path: string, cwd = '/'): string | undefined {
    const { map, key } = this.locate(path, cwd);
    return map.get(key);
  }

  write(path: string, content: string, cwd = '/'): void {
    const { map, key } = this.locate(path, cwd);
    map.set(key, content);
  }

  append(path: string, content: string, cwd = '/'): void {
    const { map, key } = this.locate(path, cwd);
    map.set(key, (map.get(key) ?? '') + content);
  }

  remove(path: string, cwd = '/'): boolean {
    const { map, key } = this.locate(path, cwd);
    return map.delete(key);
  }
}
