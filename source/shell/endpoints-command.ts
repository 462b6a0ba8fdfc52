import { oneLine } from './one-line.js';
import { sandboxBackend } from './sandbox-backend.js';
import { failure, info, type LineOutcome, type ShellContext } from './shell-context.js';

/**
 * `.endpoints [KIND | NAME]`: every loopback URL the sandbox serves besides its API (load
 * balancer listeners, task ports, agents, Consul, Fabio), as `GET /_ecsh/endpoints` lists
 * them: what a user can curl or dig right now.
 */
const USAGE = '.endpoints [kind | name]';

const ON_AWS = ".endpoints lists the sandbox's loopback URLs; on AWS, describe-load-balancers gives the DNS names";

interface Endpoint {
  kind: string;
  name: string;
  arn?: string;
  url: string;
}

export async function endpointsCommand(args: string[], context: ShellContext): Promise<LineOutcome> {
  if (args.length > 1) return failure(`usage: ${USAGE}; got '${args.join(' ')}'`);
  const found = await sandboxBackend(context, ON_AWS);
  if ('failed' in found) return found.failed;
  const { backend } = found;
  if (!backend.endpoints) return failure('this backend lists no endpoints');
  let endpoints: Endpoint[];
  try {
    const response = await fetch(`${backend.endpoints}/_ecsh/endpoints`);
    if (!response.ok) return failure(`the sandbox at ${backend.endpoints} answered ${response.status} to /_ecsh/endpoints: is it an ecsh sandbox?`);
    endpoints = (await response.json()) as Endpoint[];
  } catch (error) {
    return failure(`cannot reach the sandbox at ${backend.endpoints}: ${oneLine(error)}`);
  }
  const [filter] = args;
  const shown = filter === undefined ? endpoints : endpoints.filter((e) => e.kind === filter || e.name.includes(filter));
  if (shown.length === 0) {
    return info(filter === undefined ? 'no endpoints yet: load balancer listeners, task ports and agents appear as they start' : `no endpoint of kind or name '${filter}'`);
  }
  return { ok: true, output: table(shown), format: 'plain' };
}

/** KIND, NAME and URL in columns: the ARN is in `curl $ENDPOINT/_ecsh/endpoints` for scripts. */
function table(endpoints: Endpoint[]): string {
  const kindWidth = Math.max(4, ...endpoints.map((e) => e.kind.length));
  const nameWidth = Math.max(4, ...endpoints.map((e) => e.name.length));
  const row = (kind: string, name: string, url: string) => `${kind.padEnd(kindWidth)}  ${name.padEnd(nameWidth)}  ${url}`.trimEnd();
  return `${[row('KIND', 'NAME', 'URL'), ...endpoints.map((e) => row(e.kind, e.name, e.url))].join('\n')}\n`;
}
