import type { RequestListener } from 'node:http';
import { Random } from '../../random.js';
import type { Sandbox } from '../../sandbox.js';
import { consulQuery, consulWrite } from '../consul/client.js';
import { formatGoDuration } from '../consul/go-duration.js';
import { publishEndpoint } from '../endpoints.js';
import { sandboxTimer } from '../sandbox-timers.js';
import { watchConsul } from './consul-watch.js';
import type { FabioProperties } from './properties.js';
import { fabioProxy } from './proxy.js';
import { RouteTable } from './route-table.js';
import { fabioUi } from './ui.js';

/**
 * Fabio: the proxy and its UI/API, the routing table kept up to date from Consul by blocking
 * queries, and Fabio registered in Consul as a service with an HTTP check on its /health
 * (re-registered every second of the sandbox clock when it goes missing, as Fabio does).
 */
export interface StartFabioOptions {
  sandbox: Sandbox;
  properties: FabioProperties;
  /** The Consul agent's URL now, if one can be reached. */
  consulUrl(): string | undefined;
  listenProxy(handler: RequestListener): Promise<string>;
  listenUi(handler: RequestListener): Promise<string>;
  /** The container's hostname, part of Fabio's service ID. */
  hostname: string;
  log(line: string): void;
  /** The task it runs in, for the endpoints list. */
  taskArn?: string;
}

export interface RunningFabio {
  proxyUrl: string;
  uiUrl: string;
  routes(): RouteTable;
  stop(): Promise<void>;
}

const REGISTER_EVERY_MS = 1000;

export async function startFabio(options: StartFabioOptions): Promise<RunningFabio> {
  const { sandbox: sb, properties } = options;
  let table = new RouteTable([]);
  const random = new Random(sb.random.nextUint32());
  const proxy = fabioProxy({ table: () => table, strategy: properties.strategy, random: () => random.next(), noRouteStatus: properties.noRouteStatus });
  const proxyUrl = await options.listenProxy(proxy.listener);
  const uiUrl = await options.listenUi(fabioUi(() => table, properties));
  options.log(`[INFO] HTTP proxy listening on ${new URL(proxyUrl).host}`);
  options.log(`[INFO] UI/API listening on ${new URL(uiUrl).host}`);

  const watch = watchConsul({
    sandbox: sb,
    consulUrl: options.consulUrl,
    tagPrefix: properties.tagPrefix,
    serviceStatus: properties.serviceStatus,
    strict: properties.checksRequired === 'all',
    onRoutes: (commands) => {
      const next = new RouteTable(commands);
      if (next.commands().join('\n') !== table.commands().join('\n')) {
        options.log(`[INFO] Updated config to\n${next.commands().join('\n')}`);
        for (const skipped of next.skipped) options.log(`[WARN] ecsh: the sandbox's Fabio proxies HTTP only; not routing ${skipped.src} to ${skipped.dst}`);
      }
      table = next;
    },
    log: options.log,
  });

  const ui = new URL(uiUrl);
  const serviceId = `${properties.registerName}-${options.hostname}-${ui.port}`;
  let stopRegistering = () => {};
  /** The agent Fabio registered with: when another one answers for its instance, it moves there. */
  let registeredAt: string | undefined;
  const deregisterAt = (url: string) => consulWrite('PUT', `${url}/v1/agent/service/deregister/${encodeURIComponent(serviceId)}`).catch(() => undefined);
  if (properties.registerEnabled) {
    const registration = {
      ID: serviceId,
      Name: properties.registerName,
      Address: ui.hostname,
      Port: Number(ui.port),
      Tags: properties.registerTags,
      Check: { HTTP: `${uiUrl}/health`, Interval: formatGoDuration(properties.checkIntervalMs), Timeout: formatGoDuration(properties.checkTimeoutMs) },
    };
    const keepRegistered = async () => {
      const url = options.consulUrl();
      if (!url) return;
      if (registeredAt !== undefined && registeredAt !== url) {
        await deregisterAt(registeredAt);
        registeredAt = undefined;
      }
      const { value: services } = await consulQuery<Record<string, unknown>>(`${url}/v1/agent/services`);
      if (services[serviceId]) {
        registeredAt = url;
        return;
      }
      await consulWrite('PUT', `${url}/v1/agent/service/register`, registration);
      registeredAt = url;
      options.log(`[INFO] consul: Registered fabio with id "${serviceId}"`);
    };
    const tick = () => {
      stopRegistering = sandboxTimer(sb, REGISTER_EVERY_MS, tick);
      keepRegistered().catch((error: unknown) => options.log(`[ERROR] consul: Cannot register fabio in consul. ${(error as Error).message}`));
    };
    tick();
  }

  const withArn = options.taskArn ? { arn: options.taskArn } : {};
  const unpublish = [
    publishEndpoint(sb, { kind: 'fabio-proxy', name: `fabio ${options.hostname}`, ...withArn, url: proxyUrl }),
    publishEndpoint(sb, { kind: 'fabio-ui', name: `fabio ${options.hostname}`, ...withArn, url: uiUrl }),
  ];

  return {
    proxyUrl,
    uiUrl,
    routes: () => table,
    stop: async () => {
      for (const withdraw of unpublish) withdraw();
      watch.stop();
      stopRegistering();
      proxy.close();
      const url = registeredAt ?? options.consulUrl();
      if (properties.registerEnabled && url) {
        options.log('[INFO] consul: Deregistering fabio');
        await deregisterAt(url);
      }
    },
  };
}
