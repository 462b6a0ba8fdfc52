import type { Sandbox } from '../../sandbox.js';
import { consulQuery } from '../consul/client.js';
import { sandboxSleep } from '../sandbox-timers.js';
import { commandText, passingServices, routeCommands, type CatalogServiceJson, type HealthCheckJson, type RouteCommand } from './route-commands.js';

/**
 * Fabio's Consul loop: a blocking query on /v1/health/state/any that returns as soon as any
 * check changes; then, for each service with passing instances, /v1/catalog/service/:name,
 * and the route commands of those instances. Errors wait a second (of the sandbox clock, as
 * Fabio's own pause) and retry, so Fabio may start before Consul does.
 */
export interface ConsulWatchOptions {
  sandbox: Sandbox;
  /** The agent's URL now, if one can be reached. */
  consulUrl(): string | undefined;
  tagPrefix: string;
  serviceStatus: readonly string[];
  strict: boolean;
  onRoutes(commands: RouteCommand[]): void;
  log(line: string): void;
}

const RETRY_MS = 1000;

export function watchConsul(options: ConsulWatchOptions): { stop(): void } {
  const aborter = new AbortController();
  const signal = aborter.signal;

  const routesFrom = async (url: string, checks: HealthCheckJson[], env: Record<string, string>): Promise<RouteCommand[]> => {
    const passing = passingServices(checks, options.serviceStatus, options.strict);
    const byName = new Map<string, Set<string>>();
    for (const check of passing) {
      const ids = byName.get(check.ServiceName) ?? new Set<string>();
      ids.add(`${check.Node}.${check.ServiceID}`);
      byName.set(check.ServiceName, ids);
    }
    const commands: RouteCommand[] = [];
    for (const [name, ids] of byName) {
      const { value: instances } = await consulQuery<CatalogServiceJson[]>(`${url}/v1/catalog/service/${encodeURIComponent(name)}?consistent`, signal);
      for (const svc of instances) {
        if (ids.has(`${svc.Node}.${svc.ServiceID}`)) commands.push(...routeCommands(svc, options.tagPrefix, env));
      }
    }
    // Fabio sorts its config in reverse, so that the most specific routes come first.
    return commands.sort((a, b) => (commandText(a) < commandText(b) ? 1 : -1));
  };

  const loop = async () => {
    let index = 0;
    let datacenter: string | undefined;
    let lastUrl: string | undefined;
    while (!signal.aborted) {
      const url = options.consulUrl();
      if (url !== lastUrl) {
        index = 0;
        datacenter = undefined;
        lastUrl = url;
      }
      try {
        if (!url) throw new Error('no Consul agent to talk to yet');
        if (datacenter === undefined) {
          datacenter = (await consulQuery<{ Config: { Datacenter: string } }>(`${url}/v1/agent/self`, signal)).value.Config.Datacenter;
        }
        const { value: checks, index: next } = await consulQuery<HealthCheckJson[]>(`${url}/v1/health/state/any?consistent&index=${index}`, signal);
        const commands = await routesFrom(url, checks, { DC: datacenter });
        if (signal.aborted) return;
        options.onRoutes(commands);
        // A Consul index that goes backwards means a new datacenter: start over.
        index = next < index ? 0 : next;
      } catch (error) {
        if (signal.aborted) return;
        options.log(`[WARN] consul: Error fetching health state. ${(error as Error).message}`);
        await sandboxSleep(options.sandbox, RETRY_MS, signal);
      }
    }
  };
  void loop();
  return { stop: () => aborter.abort() };
}
