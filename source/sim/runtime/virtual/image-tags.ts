/** The tag of an image reference (`nginx:1.27.3` -> `1.27.3`), or `latest` when it has none. */
export function imageTag(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const last = withoutDigest.split('/').pop()!;
  const colon = last.indexOf(':');
  return colon === -1 ? 'latest' : last.slice(colon + 1);
}

/**
 * The version a server reports for an image tag: a full version as given, `1.27` as `1.27.0`,
 * and anything else (latest, alpine, stable) as the image's current release.
 */
export function versionOfTag(image: string, current: string): string {
  const match = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(imageTag(image));
  if (!match) return current;
  return `${match[1]}.${match[2]}.${match[3] ?? '0'}`;
}
