import type Docker from 'dockerode';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProgressLine } from './images.js';
import { layOutRootfs } from './images-rootfs.js';

/**
 * `ecsh images build`: the small images the demos and tests run on the Docker runtime, made
 * without any network. Their root file system is a static busybox (Debian's busybox-static) and
 * a few scripts (images-rootfs.ts), imported with `docker import` and tagged with the names the
 * demos' task definitions use. A tag that already names an image that is not ecsh's (a real
 * nginx pulled earlier) is left alone unless forced.
 */
export const BUSYBOX_PATH = '/bin/busybox';
/** The label that marks an image as ecsh's, with its role. */
const IMAGE_LABEL = 'io.ecsh.image';

interface DemoImage {
  role: string;
  /** What it is, for people. */
  description: string;
  /** Its tags: ecsh's own name first, then the demos' names. */
  tags: string[];
  /** Dockerfile instructions for docker import's --change. */
  changes: string[];
}

const DEMO_IMAGES: DemoImage[] = [
  {
    role: 'web',
    description: 'a page server standing in for nginx',
    tags: ['ecsh/web:latest', 'nginx:latest'],
    changes: ['ENV ECSH_STANDS_IN_FOR=nginx', 'EXPOSE 80', 'CMD ["nginx", "-g", "daemon off;"]'],
  },
  {
    role: 'httpd',
    description: 'a page server standing in for httpd',
    tags: ['ecsh/httpd:latest', 'httpd:latest', 'httpd:2.4'],
    changes: ['ENV ECSH_STANDS_IN_FOR=httpd', 'EXPOSE 80', 'CMD ["httpd-foreground"]'],
  },
  {
    role: 'php-sample',
    description: 'the ECS PHP sample page, through CGI',
    tags: ['ecsh/php-sample:latest', 'amazon/amazon-ecs-sample:latest'],
    changes: ['EXPOSE 80', 'CMD ["/usr/sbin/apache2", "-D", "FOREGROUND"]'],
  },
  {
    role: 'sleeper',
    description: 'a sleeper with busybox (sh, date, sleep, ...)',
    tags: ['ecsh/sleeper:latest', 'busybox:latest'],
    changes: ['CMD ["/usr/local/bin/ecsh-sleep"]'],
  },
];

export interface BuiltImage {
  image: DemoImage;
  /** The tags it now has. */
  tagged: string[];
  /** Tags left on someone else's image. */
  skipped: string[];
}

const ELF_MAGIC = 0x7f454c46;
const PT_INTERP = 3;

/** Whether the ELF executable at `path` runs alone: no program interpreter, so no shared libraries. */
export function isStaticExecutable(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(64);
    readSync(fd, header, 0, 64, 0);
    if (header.readUInt32BE(0) !== ELF_MAGIC) return false;
    const wide = header[4] === 2;
    const little = header[5] === 1;
    const u16 = (b: Buffer, at: number) => (little ? b.readUInt16LE(at) : b.readUInt16BE(at));
    const u32 = (b: Buffer, at: number) => (little ? b.readUInt32LE(at) : b.readUInt32BE(at));
    const phoff = wide ? Number(little ? header.readBigUInt64LE(32) : header.readBigUInt64BE(32)) : u32(header, 28);
    const phentsize = u16(header, wide ? 54 : 42);
    const phnum = u16(header, wide ? 56 : 44);
    const table = Buffer.alloc(phentsize * phnum);
    readSync(fd, table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) if (u32(table, i * phentsize) === PT_INTERP) return false;
    return true;
  } finally {
    closeSync(fd);
  }
}

/** The busybox to build from, or why it cannot be used. */
function checkBusybox(path: string): void {
  const install = 'install Debian\'s busybox-static (apt-get install busybox-static)';
  if (!existsSync(path)) throw new Error(`no busybox at ${path}: ${install}`);
  if (!isStaticExecutable(path)) throw new Error(`${path} is linked dynamically and cannot run alone in an image: ${install}`);
}

/** Reads a Docker progress stream to its end; rejects on an error line. */
function drain(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    stream.on('error', reject);
    stream.on('end', () => {
      const failed = text.split('\n').map(parseProgressLine).find((line) => line?.error);
      if (failed) reject(new Error(failed.error));
      else resolve();
    });
  });
}

/** The tags of `image` that are free for ecsh: unused, or already on one of ecsh's images. */
async function freeTags(docker: Docker, tags: string[], force: boolean): Promise<{ free: string[]; taken: string[] }> {
  const free: string[] = [];
  const taken: string[] = [];
  for (const tag of tags) {
    const info = await docker.getImage(tag).inspect().catch(() => undefined);
    if (!info || force || info.Config?.Labels?.[IMAGE_LABEL] !== undefined) free.push(tag);
    else taken.push(tag);
  }
  return { free, taken };
}

function splitTag(tag: string): { repo: string; tag: string } {
  const colon = tag.lastIndexOf(':');
  return { repo: tag.slice(0, colon), tag: tag.slice(colon + 1) };
}

async function importRootfs(docker: Docker, root: string, image: DemoImage, first: string): Promise<void> {
  const tar = spawn('tar', ['-C', root, '--numeric-owner', '--owner=0', '--group=0', '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  tar.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve, reject) => {
    tar.on('error', reject);
    tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar failed: ${stderr.trim() || `exit ${code}`}`))));
  });
  const changes = [...image.changes, `LABEL ${IMAGE_LABEL}=${image.role}`];
  const { repo, tag } = splitTag(first);
  await Promise.all([docker.importImage(tar.stdout, { repo, tag, changes }).then(drain), exited]);
}

/** Builds every demo image from the busybox at `busybox`; tags names already taken by others only when forced. */
export async function buildImages(docker: Docker, options: { busybox?: string; force?: boolean } = {}): Promise<BuiltImage[]> {
  const busybox = options.busybox ?? BUSYBOX_PATH;
  checkBusybox(busybox);
  const root = mkdtempSync(join(tmpdir(), 'ecsh-rootfs-'));
  try {
    layOutRootfs(root, busybox);
    const built: BuiltImage[] = [];
    for (const image of DEMO_IMAGES) {
      const { free, taken } = await freeTags(docker, image.tags, options.force ?? false);
      if (free.length > 0) {
        await importRootfs(docker, root, image, free[0]!);
        for (const tag of free.slice(1)) await docker.getImage(free[0]!).tag(splitTag(tag));
      }
      built.push({ image, tagged: free, skipped: taken });
    }
    return built;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
