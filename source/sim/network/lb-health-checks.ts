import { request } from 'node:http';
import { connect } from 'node:net';
import { recordHealthCheck, type HealthProbe, type ProbeResult } from '../elb/index.js';
import type { Sandbox } from '../sandbox.js';
import { resolveTarget } from './lb-targets.js';

/**
 * The load balancers' health checks as real requests: an HTTP GET of the target group's path
 * (or a TCP connect, for a classic `TCP:port` check) on a fresh connection, as an ELB node
 * does, within the check's timeout. When to check is the domain's business (on the sandbox
 * clock); this only sends what it asks for and reports back.
 */

/** `200`, `200,202`, `200-299`. */
function codeMatches(matcher: string, status: number): boolean {
  return matcher.split(',').some((part) => {
    const [low, high] = part.trim().split('-').map(Number);
    return status >= low! && status <= (high ?? low!);
  });
}

function probeHttp(host: string, port: number, probe: HealthProbe): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: probe.path, method: 'GET', agent: false, headers: { 'user-agent': 'ELB-HealthChecker/2.0', connection: 'close' } });
    req.setTimeout(probe.timeoutMs, () => {
      req.destroy();
      resolve({ ok: false, reason: 'Target.Timeout', description: 'Request timed out' });
    });
    req.on('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      if (codeMatches(probe.matcher, status)) resolve({ ok: true });
      else resolve({ ok: false, reason: 'Target.ResponseCodeMismatch', description: `Health checks failed with these codes: [${status}]` });
    });
    req.on('error', () => resolve({ ok: false, reason: 'Target.FailedHealthChecks', description: 'Health checks failed' }));
    req.end();
  });
}

function probeTcp(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      resolve({ ok: false, reason: 'Target.Timeout', description: 'Request timed out' });
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve({ ok: true });
    });
    socket.once('error', () => resolve({ ok: false, reason: 'Target.FailedHealthChecks', description: 'Health checks failed' }));
  });
}

async function runProbe(sb: Sandbox, probe: HealthProbe): Promise<ProbeResult> {
  // The check goes to the target's address; with a health check port of its own, to that port there.
  const address = resolveTarget(sb, probe.targetType, probe.targetId, probe.port);
  if (!address) return { ok: false, reason: 'Target.FailedHealthChecks', description: 'Health checks failed' };
  return probe.protocol === 'TCP' ? probeTcp(address.host, address.port, probe.timeoutMs) : probeHttp(address.host, address.port, probe);
}

const inFlight = new WeakMap<Sandbox, Set<Promise<void>>>();

/** Resolves once every health check sent so far has been answered and recorded (for tests and demos). */
export async function healthChecksSettled(sb: Sandbox): Promise<void> {
  const pending = inFlight.get(sb);
  while (pending && pending.size > 0) await Promise.all([...pending]);
}

export function installLoadBalancerHealthChecks(sb: Sandbox): void {
  const pending = new Set<Promise<void>>();
  inFlight.set(sb, pending);
  let closed = false;
  const check = (probe: HealthProbe) => {
    const done: Promise<void> = runProbe(sb, probe).then((result) => {
      pending.delete(done);
      // A sandbox that closed meanwhile keeps the state it was saved with.
      if (!closed) recordHealthCheck(sb, probe, result);
    });
    pending.add(done);
  };
  sb.events.on('elb-health-check', check);
  sb.events.once('close', () => {
    closed = true;
    sb.events.off('elb-health-check', check);
  });
}
