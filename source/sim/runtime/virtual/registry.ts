import type { VirtualImage } from './virtual-image.js';

/**
 * The images registered by other modules (Consul, Registrator, Fabio, the demos' services).
 * They are consulted before the runtime's built-in images, latest registration first.
 */
const registered: VirtualImage[] = [];

export function registerVirtualImage(image: VirtualImage): void {
  registered.unshift(image);
}

/** The registered image that runs `image`, if any. */
export function findRegisteredImage(image: string): VirtualImage | undefined {
  return registered.find((candidate) => candidate.matches(image));
}

/**
 * The repository's last path component without tag or digest, lower-cased:
 * `public.ecr.aws/nginx/nginx:1.25` -> `nginx`, `my_docker_hub_repo/weather` -> `weather`.
 */
export function imageBaseName(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const last = withoutDigest.split('/').pop()!;
  return last.split(':')[0]!.toLowerCase();
}

/** A matcher for images whose base name is one of `names`. */
export function matchesBaseName(...names: string[]): (image: string) => boolean {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return (image) => wanted.has(imageBaseName(image));
}
