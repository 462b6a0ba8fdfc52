import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import {
  classicLoadBalancers,
  inServiceInstances,
  listeners,
  loadBalancers,
  pickTargetGroup,
  routableTargets,
  routeRequest,
  targetGroups,
  type ActionRecord,
  type TargetRecord,
} from '../elb/index.js';
import type { Sandbox } from '../sandbox.js';
import { bindLoopback, httpUrl, loopbackTwin, networkNotice } from './addresses.js';
import { publishEndpoint } from './endpoints.js';
import { forwardRequest, loadBalancerError, TargetPools, type LoadBalancerStyle } from './lb-forward.js';
import { rawHeader } from './raw-header.js';
import { targetAddressCache } from './target-address-cache.js';

/**
 * Every load balancer listener as a real proxy on loopback: on the twin of the load balancer
 * node's private address, at the listener's own port where it can be bound (else wherever the
 * network falls back to), listed in /_ecsh/endpoints. An application load balancer's listener
 * answers from its rules on each request, round-robin over the healthy targets of the target
 * group chosen; a classic one's over its instances InService, by HTTP or plain TCP. What the
 * listeners are is read from the tables whenever the domain says they changed ('elb').
 */

interface ListenerSpec {
  key: string;
  /** A classic load balancer's key (the table's), for its listeners. */
  classic?: string;
  /** `NAME:PORT`, as /_ecsh/endpoints names it. */
  name: string;
  arn: string;
  host: string;
  port: number;
  style: LoadBalancerStyle;
  protocol: 'HTTP' | 'TCP';
}

interface RunningListener {
  spec: ListenerSpec;
  server: Server;
  sockets: Set<Socket>;
  unpublish?: () => void;
  closed: boolean;
}

function desiredListeners(sb: Sandbox): Map<string, ListenerSpec> {
  const specs = new Map<string, ListenerSpec>();
  for (const listener of listeners(sb).values()) {
    const lb = loadBalancers(sb).get(listener.loadBalancerArn);
    const host = lb && loopbackTwin(lb._address);
    if (!lb || lb.state !== 'active' || !host) continue;
    const name = `${lb.loadBalancerName}:${listener.port}`;
    specs.set(listener.listenerArn, { key: listener.listenerArn, name, arn: listener.listenerArn, host, port: listener.port, style: 'application', protocol: 'HTTP' });
  }
  for (const lb of classicLoadBalancers(sb).values()) {
    const host = loopbackTwin(lb._address);
    if (!host) continue;
    for (const l of lb.listeners) {
      const key = `${lb.key}|${l.loadBalancerPort}`;
      const name = `${lb.loadBalancerName}:${l.loadBalancerPort}`;
      specs.set(key, { key, classic: lb.key, name, arn: lb.loadBalancerArn, host, port: l.loadBalancerPort, style: 'classic', protocol: l.protocol });
    }
  }
  return specs;
}

/** Round-robin position per target group (or classic load balancer). */
type Rotation = Map<string, number>;

type Resolve = ReturnType<typeof targetAddressCache>['resolve'];

function nextOf(rotation: Rotation, key: string, targets: TargetRecord[]): TargetRecord | undefined {
  if (targets.length === 0) return undefined;
  const n = rotation.get(key) ?? 0;
  rotation.set(key, n + 1);
  return targets[n % targets.length];
}

/** A redirect's location, with ALB's #{protocol}, #{host}, #{port}, #{path} and #{query} placeholders. */
function redirectLocation(action: ActionRecord, req: IncomingMessage, port: number): string {
  const config = action.RedirectConfig!;
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const values: Record<string, string> = {
    protocol: 'http',
    host: (req.headers.host ?? '').replace(/:\d+$/, ''),
    port: String(port),
    path: url.pathname.slice(1),
    query: url.search.slice(1),
  };
  const fill = (text = '') => text.replace(/#\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
  const protocol = fill(config.Protocol).toLowerCase();
  const query = fill(config.Query);
  return `${protocol}://${fill(config.Host)}:${fill(config.Port)}${fill(config.Path)}${query ? `?${query}` : ''}`;
}

function answerApplication(sb: Sandbox, spec: ListenerSpec, rotation: Rotation, pools: TargetPools, resolve: Resolve, req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  const action = routeRequest(sb, spec.arn, { host: rawHeader(req, 'host') ?? '', path });
  if (!action) return loadBalancerError(res, 503, 'application');
  if (action.Type === 'fixed-response') {
    const config = action.FixedResponseConfig!;
    const body = config.MessageBody ?? '';
    res.writeHead(Number(config.StatusCode), { server: 'awselb/2.0', 'content-type': config.ContentType ?? 'text/plain', 'content-length': Buffer.byteLength(body) });
    return void res.end(body);
  }
  if (action.Type === 'redirect') {
    res.writeHead(action.RedirectConfig!.StatusCode === 'HTTP_301' ? 301 : 302, { server: 'awselb/2.0', location: redirectLocation(action, req, spec.port), 'content-length': 0 });
    return void res.end();
  }
  const tgArn = pickTargetGroup(action, Math.random());
  const tg = tgArn ? targetGroups(sb).get(tgArn) : undefined;
  const target = tg && nextOf(rotation, tg.targetGroupArn, routableTargets(sb, tg.targetGroupArn));
  if (!tg || !target) return loadBalancerError(res, 503, 'application');
  const address = resolve(tg.targetType, target.id, target.port!);
  if (!address) return loadBalancerError(res, 502, 'application');
  forwardRequest(req, res, address, { pools, from: spec.host, listenerPort: spec.port, style: 'application' });
}

function classicListener(sb: Sandbox, spec: ListenerSpec) {
  const lb = classicLoadBalancers(sb).get(spec.classic ?? '');
  return lb && { lb, listener: lb.listeners.find((l) => l.loadBalancerPort === spec.port) };
}

function answerClassic(sb: Sandbox, spec: ListenerSpec, rotation: Rotation, pools: TargetPools, resolve: Resolve, req: IncomingMessage, res: ServerResponse): void {
  const found = classicListener(sb, spec);
  const instance = found && nextOf(rotation, found.lb.key, inServiceInstances(sb, found.lb.key));
  if (!found?.listener || !instance) return loadBalancerError(res, 503, 'classic');
  const address = resolve('instance', instance.id, found.listener.instancePort);
  if (!address) return loadBalancerError(res, 502, 'classic');
  forwardRequest(req, res, address, { pools, from: spec.host, listenerPort: spec.port, style: 'classic' });
}

/** A classic TCP listener: each connection piped to the next instance InService. */
function pipeClassic(sb: Sandbox, spec: ListenerSpec, rotation: Rotation, resolve: Resolve, client: Socket): void {
  const found = classicListener(sb, spec);
  const instance = found && nextOf(rotation, found.lb.key, inServiceInstances(sb, found.lb.key));
  const address = found?.listener && instance ? resolve('instance', instance.id, found.listener.instancePort) : undefined;
  if (!address) return void client.destroy();
  const upstream = connect({ host: address.host, port: address.port });
  client.pipe(upstream).pipe(client);
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
}

const BAD_REQUEST = '<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n</body>\r\n</html>\r\n';

function createListenerServer(sb: Sandbox, spec: ListenerSpec, rotation: Rotation, pools: TargetPools, resolve: Resolve): Server {
  if (spec.protocol === 'TCP') return createTcpServer((socket) => pipeClassic(sb, spec, rotation, resolve, socket));
  const answer = spec.style === 'classic' ? answerClassic : answerApplication;
  const server = createHttpServer((req, res) => answer(sb, spec, rotation, pools, resolve, req, res));
  server.keepAliveTimeout = 60_000;
  // Malformed requests get the load balancer's 400, never a crash.
  server.on('clientError', (_error, socket) => {
    if (!socket.writable) return void socket.destroy();
    socket.end(`HTTP/1.1 400 Bad Request\r\nServer: awselb/2.0\r\nContent-Type: text/html\r\nContent-Length: ${BAD_REQUEST.length}\r\nConnection: close\r\n\r\n${BAD_REQUEST}`);
  });
  return server;
}

async function start(sb: Sandbox, running: RunningListener): Promise<void> {
  const { spec, server } = running;
  const bound = await bindLoopback(sb, server, spec.host, spec.port);
  if (running.closed) return void server.close();
  running.unpublish = publishEndpoint(sb, { kind: 'load-balancer-listener', name: spec.name, arn: spec.arn, url: httpUrl(bound.host, bound.port) });
}

function stop(running: RunningListener): void {
  running.closed = true;
  running.unpublish?.();
  running.server.close();
  for (const socket of running.sockets) socket.destroy();
}

/** Keeps a listening proxy for every listener, from now until the sandbox closes. */
export function installLoadBalancerProxies(sb: Sandbox): void {
  const running = new Map<string, RunningListener>();
  const rotation: Rotation = new Map();
  const pools = new TargetPools(sb);
  const addresses = targetAddressCache(sb);
  let closed = false;

  const reconcile = () => {
    if (closed) return;
    const desired = desiredListeners(sb);
    for (const [key, current] of running) {
      const wanted = desired.get(key);
      if (wanted && wanted.host === current.spec.host && wanted.protocol === current.spec.protocol) continue;
      stop(current);
      running.delete(key);
    }
    for (const [key, spec] of desired) {
      if (running.has(key)) continue;
      const server = createListenerServer(sb, spec, rotation, pools, addresses.resolve);
      const entry: RunningListener = { spec, server, sockets: new Set(), closed: false };
      server.on('connection', (socket: Socket) => {
        entry.sockets.add(socket);
        socket.once('close', () => entry.sockets.delete(socket));
      });
      running.set(key, entry);
      start(sb, entry).catch((error: unknown) => {
        running.delete(key);
        networkNotice(sb, `ecsh: the listener ${spec.name} could not start: ${(error as Error).message}`);
      });
    }
  };

  sb.events.on('elb', reconcile);
  sb.events.once('close', () => {
    closed = true;
    sb.events.off('elb', reconcile);
    for (const entry of running.values()) stop(entry);
    running.clear();
    void pools.close();
    addresses.close();
  });
  // A sandbox reloaded from its state file has listeners already.
  reconcile();
}
