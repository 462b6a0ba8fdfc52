import type { IncomingMessage } from 'node:http';

/**
 * A request header's first value (`name` in lower case), read from the raw list: Node builds
 * `req.headers` only when asked, and a proxy or a server's access log needs one or two headers
 * of every request, not all of them.
 */
export function rawHeader(req: IncomingMessage, name: string): string | undefined {
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === name.length && raw[i]!.toLowerCase() === name) return raw[i + 1]!;
  return undefined;
}
