import type { VirtualContainerContext, VirtualImage } from '../../runtime/index.js';
import { FALLBACK_HOST } from '../addresses.js';
import { matchesBaseName } from '../../runtime/index.js';
import { CONSUL_VERSION } from '../consul/agent.js';
import { clusterKey, createDatacenter, datacenterForCluster, findDatacenter, type ConsulDatacenter } from '../consul/datacenter.js';
import { runConsulAgent } from '../consul/run-agent.js';
import { commandLine, listenPort, parseFlags } from './container-common.js';

/**
 * The `consul` image (hashicorp/consul, progrium/consul): a Consul agent, or a server with
 * -server, -dev or -bootstrap. A server starts its cluster's datacenter (one per region and
 * cluster); an agent joins its cluster's datacenter, or the standalone server of
 * `ecsh serve --consul`, or, when there is neither, serves the catalog itself (said in its
 * log). Its HTTP API listens on the host port mapped to 8500, its DNS (UDP and TCP) on the one
 * mapped to 8600 or 53; ports no mapping publishes get free ones on 127.0.0.1.
 */
const BOOLEAN_FLAGS = ['server', 'dev', 'bootstrap', 'ui', 'disable-host-node-id'];

interface ConsulSettings {
  server: boolean;
  datacenter: string;
  nodeName?: string;
  httpPort: number;
  dnsPort: number;
}

/** CONSUL_LOCAL_CONFIG, the image's way of passing a config file in the environment. */
function localConfig(ctx: VirtualContainerContext): Record<string, any> {
  const text = ctx.environment.CONSUL_LOCAL_CONFIG;
  if (!text) return {};
  try {
    const parsed = JSON.parse(text) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, any>) : {};
  } catch {
    ctx.log('==> Error parsing CONSUL_LOCAL_CONFIG: not JSON; ignoring it');
    return {};
  }
}

function settingsOf(ctx: VirtualContainerContext): ConsulSettings {
  const { flags } = parseFlags(commandLine(ctx), BOOLEAN_FLAGS);
  const config = localConfig(ctx);
  const on = (name: string) => flags.has(name) && flags.get(name) !== 'false';
  return {
    server: on('server') || on('dev') || on('bootstrap') || flags.has('bootstrap-expect') || config.server === true,
    datacenter: flags.get('datacenter') ?? flags.get('dc') ?? config.datacenter ?? 'dc1',
    nodeName: flags.get('node') ?? config.node_name,
    httpPort: Number(flags.get('http-port') ?? config.ports?.http ?? 8500),
    dnsPort: Number(flags.get('dns-port') ?? config.ports?.dns ?? 8600),
  };
}

function pickDatacenter(ctx: VirtualContainerContext, settings: ConsulSettings): ConsulDatacenter {
  const sb = ctx.sandbox;
  const key = clusterKey(ctx.task.region, ctx.task.clusterArn);
  const existing = settings.server ? findDatacenter(sb, key) : datacenterForCluster(sb, ctx.task.region, ctx.task.clusterArn);
  if (existing) return existing;
  if (!settings.server) ctx.log('==> No Consul server to join: this agent keeps the catalog itself (ecsh: one catalog per cluster)');
  return createDatacenter(sb, key, settings.datacenter);
}

/** A node name not yet taken in the datacenter: the instance's ID, as the demo names its agents. */
function nodeNameFor(ctx: VirtualContainerContext, dc: ConsulDatacenter, wanted: string | undefined): string {
  const base = wanted ?? ctx.instance?.ec2InstanceId ?? ctx.instance?.id ?? `consul-${ctx.task.id.slice(0, 8)}`;
  const taken = new Set([...dc.agents].map((a) => a.nodeName));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Where its DNS listens: each protocol on the host port a mapping of 8600 (or 53) publishes
 * for it; a protocol no mapping publishes on a free port of 127.0.0.1, off the instance's
 * address, so that it never takes a port the scheduler may give a task.
 */
function dnsListeners(ctx: VirtualContainerContext, dnsPort: number): { udp: { host: string; port: number }; tcp: { host: string; port: number } } {
  const mapped = (protocol: 'udp' | 'tcp') => ctx.ports.find((p) => p.protocol === protocol && (p.containerPort === dnsPort || p.containerPort === 53));
  const where = (protocol: 'udp' | 'tcp') => {
    const port = mapped(protocol);
    return port ? { host: ctx.address, port: port.hostPort } : { host: FALLBACK_HOST, port: 0 };
  };
  return { udp: where('udp'), tcp: where('tcp') };
}

export const consulImage: VirtualImage = {
  name: 'consul',
  matches: matchesBaseName('consul'),
  async start(ctx) {
    const settings = settingsOf(ctx);
    const dc = pickDatacenter(ctx, settings);
    if (dc.name !== settings.datacenter) ctx.log(`==> Joining datacenter ${dc.name} (asked for ${settings.datacenter})`);
    const nodeName = nodeNameFor(ctx, dc, settings.nodeName);
    let closeHttp = async () => {};
    const starting = runConsulAgent({
      sandbox: ctx.sandbox,
      datacenter: dc,
      nodeName,
      address: ctx.address,
      server: settings.server,
      listenHttp: async (handler) => {
        const served = await listenPort(ctx, settings.httpPort, handler);
        closeHttp = served.close;
        return served.url;
      },
      dns: dnsListeners(ctx, settings.dnsPort),
      containerInstanceArn: ctx.instance?.containerInstanceArn,
      taskArn: ctx.task.taskArn,
      httpOnHostPort: ctx.ports.some((p) => p.containerPort === settings.httpPort && p.protocol === 'tcp'),
    });
    const running = await starting.catch(async (error: unknown) => {
      await closeHttp();
      throw error;
    });
    ctx.log('==> Consul agent running!');
    ctx.log(`           Version: '${CONSUL_VERSION}'`);
    ctx.log(`         Node name: '${nodeName}'`);
    ctx.log(`        Datacenter: '${dc.name}'`);
    ctx.log(`            Server: ${settings.server} (Bootstrap: ${settings.server && dc.servers().length === 1})`);
    ctx.log(`       Client Addr: [${ctx.address}] (HTTP: ${new URL(running.httpUrl).port}, DNS: ${running.dns.port})`);
    return {
      async stop() {
        ctx.log('==> Gracefully shutting down agent...');
        await running.stop();
        await closeHttp();
      },
    };
  },
};
