import { commandText, type RouteCommand } from './route-commands.js';

/**
 * Fabio's routing table: routes by host and path prefix, the most specific first, each with
 * its targets spread over a ring by weight so that walking the ring is weighted round-robin
 * (or a random slot of it, with strategy rnd). A route's targets share its traffic equally
 * unless some have a fixed weight (weight=0.2): those get their share first, the rest split
 * what is left, as Fabio's weighTargets does.
 */
export interface RouteTarget {
  service: string;
  dst: URL;
  fixedWeight: number;
  /** The share of the route's traffic it gets. */
  weight: number;
  tags: string[];
  opts: Record<string, string>;
  command: RouteCommand;
}

interface Route {
  host: string;
  path: string;
  targets: RouteTarget[];
  ring: RouteTarget[];
  picked: number;
}

/** One row of GET /api/routes, as Fabio's admin API writes it. */
export interface ApiRoute {
  service: string;
  host: string;
  path: string;
  src: string;
  dst: string;
  opts: string;
  weight: number;
  tags?: string[];
  cmd: string;
  rate1: number;
  pct99: number;
}

export type Strategy = 'rr' | 'rnd';

/** Slots on a route's ring: enough for a target of 0.01% to get one. */
const MAX_SLOTS = 10_000;

function weighTargets(route: Route): void {
  const targets = route.targets;
  const fixed = targets.filter((t) => t.fixedWeight > 0);
  if (fixed.length === 0) {
    for (const t of targets) t.weight = 1 / targets.length;
    route.ring = [...targets];
    return;
  }
  const sumFixed = fixed.reduce((sum, t) => sum + t.fixedWeight, 0);
  const scale = sumFixed > 1 || (fixed.length === targets.length && sumFixed < 1) ? 1 / sumFixed : 1;
  const dynamic = Math.max(0, (1 - sumFixed) / (targets.length - fixed.length));
  for (const t of targets) t.weight = t.fixedWeight > 0 ? t.fixedWeight * scale : dynamic;

  const slots = targets.map((t, i) => ({ i, n: Math.floor(MAX_SLOTS * t.weight) || (t.weight > 0 ? 1 : 0) })).sort((a, b) => a.n - b.n);
  const used = slots.reduce((sum, s) => sum + s.n, 0);
  const ring: Array<RouteTarget | undefined> = new Array(used).fill(undefined);
  for (const slot of slots) {
    if (slot.n <= 0) continue;
    let next = 0;
    const step = Math.floor(used / slot.n);
    for (let k = 0; k < slot.n; k++) {
      while (ring[next] !== undefined) next = (next + 1) % used;
      ring[next] = targets[slot.i];
      next = (next + step) % used;
    }
  }
  route.ring = ring as RouteTarget[];
}

function parseOpts(opts: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const option of opts) {
    const eq = option.indexOf('=');
    if (eq > 0) out[option.slice(0, eq)] = option.slice(eq + 1);
  }
  return out;
}

/** `host/path` -> host and path; `/path` has no host. */
function splitSource(src: string): { host: string; path: string } {
  const slash = src.indexOf('/');
  if (slash < 0) return { host: src.toLowerCase(), path: '/' };
  return { host: src.slice(0, slash).toLowerCase(), path: src.slice(slash) };
}

export class RouteTable {
  private readonly hosts = new Map<string, Route[]>();
  /** Commands it could not use (TCP and gRPC routes, bad destinations). */
  readonly skipped: RouteCommand[] = [];

  constructor(commands: readonly RouteCommand[]) {
    for (const command of commands) this.add(command);
    for (const routes of this.hosts.values()) {
      routes.sort((a, b) => b.path.length - a.path.length || (a.path < b.path ? -1 : 1));
      for (const route of routes) weighTargets(route);
    }
  }

  private add(command: RouteCommand): void {
    let dst: URL;
    try {
      dst = new URL(command.dst);
    } catch {
      this.skipped.push(command);
      return;
    }
    if (command.src.startsWith(':') || (dst.protocol !== 'http:' && dst.protocol !== 'https:')) {
      this.skipped.push(command);
      return;
    }
    const { host, path } = splitSource(command.src);
    const routes = this.hosts.get(host) ?? [];
    this.hosts.set(host, routes);
    let route = routes.find((r) => r.path === path);
    if (!route) {
      route = { host, path, targets: [], ring: [], picked: 0 };
      routes.push(route);
    }
    const duplicate = route.targets.some(
      (t) => t.service === command.service && t.dst.href === dst.href && t.fixedWeight === command.weight && t.tags.join(',') === command.tags.join(','),
    );
    if (duplicate) return;
    route.targets.push({ service: command.service, dst, fixedWeight: command.weight, weight: 0, tags: command.tags, opts: parseOpts(command.opts), command });
  }

  get empty(): boolean {
    return this.hosts.size === 0;
  }

  /**
   * The target for a request: routes of its host first (as sent, then without its port, as a
   * browser at :9999 sends it), then the routes without a host; the longest matching path
   * prefix wins. `random` gives [0, 1) for strategy rnd.
   */
  lookup(hostHeader: string | undefined, path: string, strategy: Strategy, random: () => number): RouteTarget | undefined {
    const host = (hostHeader ?? '').toLowerCase().replace(/:80$/, '');
    const candidates = [host, host.replace(/:\d+$/, ''), ''];
    for (const candidate of [...new Set(candidates)]) {
      const route = this.hosts.get(candidate)?.find((r) => path.startsWith(r.path) && r.ring.length > 0);
      if (!route) continue;
      const index = strategy === 'rnd' ? Math.floor(random() * route.ring.length) : route.picked++ % route.ring.length;
      return route.ring[index];
    }
    return undefined;
  }

  apiRoutes(): ApiRoute[] {
    const out: ApiRoute[] = [];
    for (const host of [...this.hosts.keys()].sort()) {
      for (const route of this.hosts.get(host)!) {
        for (const t of route.targets) {
          out.push({
            service: t.service,
            host: route.host,
            path: route.path,
            src: route.host + route.path,
            dst: t.dst.href,
            opts: t.command.opts.join(' '),
            weight: t.weight,
            ...(t.tags.length > 0 ? { tags: t.tags } : {}),
            cmd: 'route add',
            rate1: 0,
            pct99: 0,
          });
        }
      }
    }
    return out;
  }

  /** The table in Fabio's config language, one `route add` a line. */
  commands(): string[] {
    return [...this.hosts.values()].flatMap((routes) => routes.flatMap((r) => r.targets.map((t) => commandText(t.command))));
  }
}
