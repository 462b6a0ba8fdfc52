import { aggregateStatus, HEALTH_STATUSES, type CatalogCheck, type HealthStatus } from './catalog.js';
import { allow, blockingRead, flag, json, notFound, queryMeta, rest, text, type ConsulReply, type ConsulRequest } from './http-common.js';
import { renderAgentService, renderCatalogService, renderCheck, renderNode, renderServiceHealth } from './render.js';

/** /v1/catalog/*, /v1/health/* and /v1/status/*: the datacenter's view, every read blocking on ?index=. */
export async function catalogEndpoint(req: ConsulRequest): Promise<ConsulReply> {
  const refused = allow(req, 'GET');
  if (refused) return refused;
  const catalog = req.agent.catalog;
  const path = req.path;
  const tags = req.query.getAll('tag');

  const meta = () => queryMeta(catalog, ['nodes', 'services', 'checks', 'kvs']);
  if (path === 'catalog/datacenters') return json(req, [catalog.datacenter], meta());
  if (path === 'catalog/nodes') {
    return blockingRead(req, ['nodes'], () =>
      json(req, [...catalog.nodes.values()].sort((a, b) => a.name.localeCompare(b.name)).map(renderNode)),
    );
  }
  if (path.startsWith('catalog/node/')) {
    const name = rest(path, 'catalog/node/');
    return blockingRead(req, ['nodes', 'services'], () => {
      const node = catalog.nodes.get(name);
      if (!node) return json(req, null);
      const services = [...catalog.services.values()].filter((s) => s.node === name);
      return json(req, { Node: renderNode(node), Services: Object.fromEntries(services.map((s) => [s.id, renderAgentService(s, catalog.datacenter)])) });
    });
  }
  if (path === 'catalog/services') {
    return blockingRead(req, ['services'], () => {
      const out: Record<string, string[]> = {};
      for (const service of catalog.services.values()) {
        const known = (out[service.name] ??= []);
        for (const tag of service.tags) if (!known.includes(tag)) known.push(tag);
      }
      return json(req, Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b))));
    });
  }
  if (path.startsWith('catalog/service/')) {
    const name = rest(path, 'catalog/service/');
    return blockingRead(req, ['nodes', 'services'], () => json(req, catalog.serviceHealth(name, tags).map(renderCatalogService)));
  }
  if (path.startsWith('health/service/')) {
    const name = rest(path, 'health/service/');
    const passingOnly = flag(req, 'passing');
    return blockingRead(req, ['nodes', 'services', 'checks'], () => {
      const entries = catalog.serviceHealth(name, tags).filter((e) => !passingOnly || aggregateStatus(e.checks) === 'passing');
      return json(req, entries.map(renderServiceHealth));
    });
  }
  if (path.startsWith('health/checks/')) {
    const name = rest(path, 'health/checks/');
    return blockingRead(req, ['checks'], () => json(req, sortedChecks(catalog.checks.values(), (c) => c.serviceName === name).map(renderCheck)));
  }
  if (path.startsWith('health/node/')) {
    const name = rest(path, 'health/node/');
    return blockingRead(req, ['checks'], () => json(req, sortedChecks(catalog.checks.values(), (c) => c.node === name).map(renderCheck)));
  }
  if (path.startsWith('health/state/')) {
    const state = rest(path, 'health/state/');
    if (state !== 'any' && !HEALTH_STATUSES.includes(state as HealthStatus)) return text(400, 'Invalid state');
    return blockingRead(req, ['checks'], () =>
      json(req, sortedChecks(catalog.checks.values(), (c) => state === 'any' || c.status === state).map(renderCheck)),
    );
  }
  if (path === 'status/leader') return json(req, catalog.leader, meta());
  if (path === 'status/peers') return json(req, catalog.servers, meta());
  return notFound();
}

function sortedChecks(checks: Iterable<CatalogCheck>, keep: (c: CatalogCheck) => boolean): CatalogCheck[] {
  return [...checks].filter(keep).sort((a, b) => a.node.localeCompare(b.node) || a.checkId.localeCompare(b.checkId));
}
