import type { RequestListener } from 'node:http';
import type { VirtualContainerContext } from '../../runtime/index.js';
import { FALLBACK_HOST, isLoopback } from '../addresses.js';
import { agentFor } from '../consul/datacenter.js';
import { ownHttpServer } from '../consul/run-agent.js';

/** What the network's images share: their command line, Go-style flags, listening, and finding Consul. */

type Override = { name?: string; command?: string[] };

/** The container's command line: entryPoint, then the command (the task's override first). */
export function commandLine(ctx: VirtualContainerContext): string[] {
  const overrides = (ctx.task.overrides.containerOverrides as Override[] | undefined) ?? [];
  const command = overrides.find((o) => o.name === ctx.definition.name)?.command ?? ctx.definition.command ?? [];
  return [...(ctx.definition.entryPoint ?? []), ...command];
}

export interface ParsedFlags {
  flags: Map<string, string>;
  /** Arguments that are not flags, in order. */
  args: string[];
}

/**
 * Go's flag syntax: `-name=value`, `-name value`, `--name`; `booleans` take no value unless
 * written `-name=false`. Programs and subcommands (`/bin/registrator`, `agent`) land in args.
 */
export function parseFlags(argv: readonly string[], booleans: readonly string[]): ParsedFlags {
  const flags = new Map<string, string>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      args.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) flags.set(body.slice(0, eq), body.slice(eq + 1));
    else if (booleans.includes(body) || i + 1 >= argv.length) flags.set(body, 'true');
    else flags.set(body, argv[++i]!);
  }
  return { flags, args };
}

/**
 * Serves `handler` on the host port mapped to `containerPort`; a port no mapping publishes is
 * served on a free port of 127.0.0.1 instead (reachable as a container's own address is from
 * its host), off the instance's address so that it never takes a port the scheduler may give
 * a task. Returns the URL and a close for that own server.
 */
export async function listenPort(
  ctx: VirtualContainerContext,
  containerPort: number,
  handler: RequestListener,
): Promise<{ url: string; close(): Promise<void> }> {
  if (ctx.ports.some((p) => p.containerPort === containerPort && p.protocol === 'tcp')) {
    return { url: await ctx.listen(containerPort, handler), close: async () => {} };
  }
  const own = await ownHttpServer(ctx.sandbox, FALLBACK_HOST, 0, handler);
  ctx.log(`ecsh: container port ${containerPort} is not published; serving it at ${own.url}`);
  return own;
}

/**
 * The Consul agent a container reaches with an address like `consul://localhost:8500`: a
 * loopback address given literally is used as is; anything else (localhost, the instance's
 * private IP, a name) reaches the agent of the container's instance, or its cluster's server.
 */
export function consulResolver(ctx: VirtualContainerContext, address: string | undefined): () => string | undefined {
  const host = address?.replace(/^[a-z-]+:\/\//, '').split('/')[0];
  const literal = host && isLoopback(host.split(':')[0]!) && /:\d+$/.test(host) ? `http://${host}` : undefined;
  return () =>
    literal ??
    agentFor(ctx.sandbox, { region: ctx.task.region, clusterArn: ctx.task.clusterArn, containerInstanceArn: ctx.task.containerInstanceArn })?.httpUrl;
}

/** The container's hostname as Docker gives it (the first 12 digits of its ID). */
export function containerHostname(ctx: VirtualContainerContext): string {
  return (ctx.container.runtimeId ?? ctx.task.id.replaceAll('-', '')).slice(0, 12);
}
