/**
 * How Fabio turns Consul's view into route commands: which service instances count (a passing
 * service check, no critical serfHealth on the node, no maintenance), and the `route add`
 * command each `urlprefix-` tag of such an instance becomes. The shapes read are Consul's
 * /v1/health/state/any and /v1/catalog/service/:name JSON, as Fabio's client reads them.
 */
export interface HealthCheckJson {
  Node: string;
  CheckID: string;
  Status: string;
  ServiceID: string;
  ServiceName: string;
}

export interface CatalogServiceJson {
  Node: string;
  Address: string;
  ServiceID: string;
  ServiceName: string;
  ServiceTags: string[] | null;
  ServiceAddress: string;
  ServicePort: number;
}

export interface RouteCommand {
  service: string;
  /** `host/path`, `/path`, or `:port` (TCP, which the sandbox's Fabio does not proxy). */
  src: string;
  dst: string;
  /** A fixed share of the route's traffic (weight=0.2), or 0 for an equal share of the rest. */
  weight: number;
  tags: string[];
  /** Options other than weight, in tag order: strip=/x, prepend=/y, host=dst, ... */
  opts: string[];
}

function isServiceCheck(c: HealthCheckJson): boolean {
  return c.ServiceID !== '' && c.CheckID !== 'serfHealth' && c.CheckID !== '_node_maintenance' && !c.CheckID.startsWith('_service_maintenance:');
}

/**
 * The service checks of instances that may receive traffic. With `strict` (checksRequired=all)
 * every check of the instance must have one of `status`; otherwise one is enough.
 */
export function passingServices(checks: readonly HealthCheckJson[], status: readonly string[], strict: boolean): HealthCheckJson[] {
  return checks.filter((svc) => {
    if (!isServiceCheck(svc)) return false;
    const own = checks.filter((c) => c.Node === svc.Node && c.ServiceID === svc.ServiceID);
    const passing = own.filter((c) => status.includes(c.Status)).length;
    if (passing === 0 || (strict && passing !== own.length)) return false;
    const onNode = checks.filter((c) => c.Node === svc.Node);
    if (onNode.some((c) => c.CheckID === 'serfHealth' && c.Status === 'critical')) return false;
    if (onNode.some((c) => c.CheckID === '_node_maintenance')) return false;
    if (onNode.some((c) => c.CheckID === `_service_maintenance:${svc.ServiceID}` && c.Status === 'critical')) return false;
    return true;
  });
}

/** Expands $x and ${x} from `env`, leaving unknown names as they are (Fabio's $DC). */
function expand(text: string, env: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced: string | undefined, bare: string | undefined) => env[braced ?? bare ?? ''] ?? whole);
}

/** `urlprefix-host/path opts` -> its route (host lower-cased) and options, as Fabio parses the tag. */
export function parseUrlPrefixTag(tag: string, prefix: string, env: Record<string, string>): { route: string; opts: string } | undefined {
  let s = tag.trim();
  if (!s.startsWith(prefix)) return undefined;
  s = s.slice(prefix.length).trim();
  const space = s.indexOf(' ');
  const opts = space >= 0 ? s.slice(space + 1) : '';
  s = space >= 0 ? s.slice(0, space) : s;
  if (s.startsWith(':') || !s.includes('/')) return { route: s, opts };
  const slash = s.indexOf('/');
  return { route: `${expand(s.slice(0, slash), env).toLowerCase()}/${expand(s.slice(slash + 1), env)}`, opts };
}

/** The route commands of one service instance (routecmd.build). */
export function routeCommands(svc: CatalogServiceJson, prefix: string, env: Record<string, string>): RouteCommand[] {
  const tags = (svc.ServiceTags ?? []).map((t) => t.trim());
  const routeTags = tags.filter((t) => t.startsWith(prefix));
  const serviceTags = tags.filter((t) => !t.startsWith(prefix));
  const out: RouteCommand[] = [];
  for (const tag of routeTags) {
    const parsed = parseUrlPrefixTag(tag, prefix, env);
    if (!parsed) continue;
    const address = svc.ServiceAddress || svc.Address;
    const hostPort = address.includes(':') ? `[${address}]:${svc.ServicePort}` : `${address}:${svc.ServicePort}`;
    let dst = `http://${hostPort}/`;
    let weight = 0;
    const opts: string[] = [];
    for (const option of parsed.opts.split(/\s+/).filter(Boolean)) {
      if (option === 'proto=tcp') dst = `tcp://${hostPort}`;
      else if (option === 'proto=https') dst = `https://${hostPort}`;
      else if (option === 'proto=grpc') dst = `grpc://${hostPort}`;
      else if (option === 'proto=grpcs') dst = `grpcs://${hostPort}`;
      else if (option.startsWith('weight=')) weight = Number(option.slice('weight='.length)) || 0;
      else if (option.startsWith('redirect=')) {
        const [code, url] = option.slice('redirect='.length).split(',');
        if (code && url) {
          dst = url;
          opts.push(`redirect=${code}`);
        }
      } else opts.push(option);
    }
    out.push({ service: svc.ServiceName, src: parsed.route, dst, weight, tags: serviceTags, opts });
  }
  return out;
}

/** A command as Fabio prints it in its routing table (`/api/routes?raw`). */
export function commandText(cmd: RouteCommand): string {
  let text = `route add ${cmd.service} ${cmd.src} ${cmd.dst}`;
  if (cmd.weight > 0) text += ` weight ${cmd.weight}`;
  if (cmd.tags.length > 0) text += ` tags ${JSON.stringify(cmd.tags.join(','))}`;
  if (cmd.opts.length > 0) text += ` opts ${JSON.stringify(cmd.opts.join(' '))}`;
  return text;
}
