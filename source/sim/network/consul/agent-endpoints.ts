import type { HealthStatus } from './catalog.js';
import { decodeCheckRegistration, decodeServiceRegistration } from './definitions.js';
import { decodeGoJson, field } from './go-json.js';
import { allow, empty, flag, json, notFound, queryMeta, rest, text, type ConsulReply, type ConsulRequest } from './http-common.js';
import { renderAgentService, renderCheck } from './render.js';

/** /v1/agent/*: this agent's own services and checks, its registrations, and itself. */
export function agentEndpoint(req: ConsulRequest): ConsulReply {
  const { agent } = req;
  const path = req.path;
  const meta = () => queryMeta(agent.catalog, ['services', 'checks']);

  if (path === 'agent/self') return allow(req, 'GET') ?? json(req, agent.self(), meta());
  if (path === 'agent/members') return allow(req, 'GET') ?? json(req, agent.datacenter.members(), meta());
  if (path === 'agent/services') {
    const services = Object.fromEntries(agent.services().map((s) => [s.id, renderAgentService(s, agent.catalog.datacenter)]));
    return allow(req, 'GET') ?? json(req, services, meta());
  }
  if (path === 'agent/checks') {
    return allow(req, 'GET') ?? json(req, Object.fromEntries(agent.checks().map((c) => [c.checkId, renderCheck(c)])), meta());
  }
  if (path.startsWith('agent/service/') && !path.startsWith('agent/service/register') && !path.startsWith('agent/service/deregister/')) {
    const refused = allow(req, 'GET');
    if (refused) return refused;
    const id = rest(path, 'agent/service/');
    const service = agent.services().find((s) => s.id === id);
    if (!service) return text(404, `unknown service ID: ${id}`);
    return json(req, { ...renderAgentService(service, agent.catalog.datacenter), ContentHash: '' }, meta());
  }
  if (path === 'agent/service/register') {
    const refused = allow(req, 'PUT');
    if (refused) return refused;
    const decoded = decodeServiceRegistration(req.body.toString('utf8'));
    if (!decoded.ok) return text(decoded.status, decoded.message);
    agent.registerService(decoded.value, flag(req, 'replace-existing-checks'));
    return empty();
  }
  if (path.startsWith('agent/service/deregister/')) {
    const refused = allow(req, 'PUT');
    if (refused) return refused;
    const id = rest(path, 'agent/service/deregister/');
    if (!agent.deregisterService(id)) {
      return text(404, `Unknown service ID "${id}". Ensure that the service ID is passed, not the service name.`);
    }
    return empty();
  }
  if (path === 'agent/check/register') {
    const refused = allow(req, 'PUT');
    if (refused) return refused;
    const decoded = decodeCheckRegistration(req.body.toString('utf8'));
    if (!decoded.ok) return text(decoded.status, decoded.message);
    const problem = agent.registerCheck(decoded.value);
    return problem ? text(400, problem) : empty();
  }
  if (path.startsWith('agent/check/deregister/')) {
    const refused = allow(req, 'PUT');
    if (refused) return refused;
    const id = rest(path, 'agent/check/deregister/');
    if (!agent.deregisterCheck(id)) return text(404, `Unknown check ID "${id}". Ensure that the check ID is passed, not the check name.`);
    return empty();
  }
  const ttl = /^agent\/check\/(pass|warn|fail)\/(.+)$/.exec(path);
  if (ttl) {
    const refused = allow(req, 'PUT');
    if (refused) return refused;
    const status: HealthStatus = ttl[1] === 'pass' ? 'passing' : ttl[1] === 'warn' ? 'warning' : 'critical';
    const problem = agent.updateTtl(decodeURIComponent(ttl[2]!), status, req.query.get('note') ?? '');
    return problem ? text(404, problem) : empty();
  }
  if (path.startsWith('agent/check/update/')) {
    const refused = allow(req, 'PUT');
    if (refused) return refused;
    const parsed = decodeGoJson(req.body.toString('utf8'));
    if (!parsed.ok) return text(400, `Request decode failed: ${parsed.error}`);
    const status = field(parsed.value, 'Status');
    if (status !== 'passing' && status !== 'warning' && status !== 'critical') {
      return text(400, `Invalid check status: '${typeof status === 'string' ? status : ''}'`);
    }
    const output = field(parsed.value, 'Output');
    const problem = agent.updateTtl(rest(path, 'agent/check/update/'), status, typeof output === 'string' ? output : '');
    return problem ? text(404, problem) : empty();
  }
  return notFound();
}
