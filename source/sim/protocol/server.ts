import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock, ScaledClock, type Clock } from '../clock.js';
import { ApiError } from '../errors.js';
import type { Sandbox } from '../sandbox.js';
import { loadStateFile, saveStateFile } from '../state-file.js';
import { createSandbox } from '../create.js';
import { registerNetworkImages } from '../network/images.js';
import { installNetwork, networkNotice, type NetworkOptions } from '../network/index.js';
import { connectDockerRuntime, installRuntime, runtimeOf, type RuntimeKind } from '../runtime/index.js';
import { fargateSpotControl } from './control-fargate-spot.js';
import { jsonError } from './aws-json.js';
import { ECS_TARGET_PREFIX, handleEcs } from './ecs-json.js';
import { serveLogs } from './logs-route.js';
import { parseQuery } from './query.js';
import { ec2Error, handleQuery } from './query-xml.js';
import { scopeOf } from './region.js';
import { handleSsm, SSM_TARGET_PREFIX } from './ssm-json.js';
import type { WireResponse } from './wire.js';

export const MAX_BODY_BYTES = 1024 * 1024;

export interface StartSandboxOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where state is kept; none keeps it in memory only. */
  state?: string;
  clock?: Clock;
  /** Simulated ms per real ms, for a clock made here (ignored with `clock`). */
  speed?: number;
  seed?: number;
  /** The region when a request carries no credential scope. */
  defaultRegion?: string;
  /**
   * What runs tasks' containers: the virtual runtime (the default), real containers on the local
   * Docker engine (the virtual runtime when none answers, with a line saying how to start one),
   * or nothing.
   */
  runtime?: RuntimeKind;
  /** With the docker runtime: leave the containers running when the sandbox closes. */
  keepContainers?: boolean;
  /** How loopback listeners bind and where their notices go (stderr by default). */
  network?: NetworkOptions;
}

export interface RunningSandbox {
  url: string;
  host: string;
  port: number;
  sandbox: Sandbox;
  /** Writes the state now (no-op without a state file). */
  flush(): void;
  close(): Promise<void>;
}

/** Starts the sandbox's HTTP endpoint: every AWS protocol it speaks, on one loopback port. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const loaded = options.state ? loadStateFile(options.state) : undefined;
  const clock = options.clock ?? (options.speed !== undefined || loaded ? new ScaledClock(options.speed ?? 1, loaded?.clockAt) : undefined);
  const sandbox = createSandbox({ clock, seed: options.seed, state: loaded });
  installNetwork(sandbox, options.network);
  // Consul, Registrator, Fabio and the Consul demo's services are images of the virtual runtime
  // built on the network layer; registered here, where both layers are known, to keep them acyclic.
  registerNetworkImages();
  const docker =
    options.runtime === 'docker'
      ? await connectDockerRuntime({ statePath: options.state, keepContainers: options.keepContainers, notify: (message) => networkNotice(sandbox, message) })
      : undefined;
  installRuntime(sandbox, options.runtime === 'docker' && !docker ? 'virtual' : (options.runtime ?? 'virtual'), docker);
  const statePath = options.state;

  const flush = () => {
    if (!statePath || !sandbox.changed) return;
    sandbox.changed = false;
    saveStateFile(statePath, sandbox.state);
  };
  if (statePath && !loaded) {
    sandbox.changed = true;
    flush();
  }

  const server = createServer((req, res) => {
    // A task's logs may stream for as long as the reader wants: answered apart, as they come.
    if (serveLogs(sandbox, req, res)) return;
    // One id a request, in the x-amzn-requestid header and wherever the body repeats it.
    const requestId = randomUUID();
    readBody(req)
      .then((body) => route(sandbox, req, body, options.defaultRegion ?? 'us-east-1', requestId))
      .catch((error: unknown) =>
        error instanceof BodyTooLarge ? tooLarge(req, requestId) : jsonError(error),
      )
      .then((response) => {
        // Saved before answering, so that what a client was told happened survives a crash.
        flush();
        send(res, response, requestId);
      })
      .catch(() => res.destroy());
  });
  server.keepAliveTimeout = 30_000;

  // Jobs on the simulated clock run whether or not requests arrive.
  const ticker = sandbox.clock instanceof ManualClock
    ? undefined
    : setInterval(() => {
        if (sandbox.runDue() > 0) flush();
      }, 20);
  ticker?.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    host,
    port,
    sandbox,
    flush,
    close: async () => {
      if (ticker) clearInterval(ticker);
      flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // Real containers take a moment to go: closing is done when they are gone.
      const runtime = runtimeOf(sandbox);
      sandbox.events.emit('close');
      await runtime?.close();
    },
  };
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tooLarge(req: IncomingMessage, requestId: string): WireResponse {
  const error = new ApiError('RequestEntityTooLargeException', `The request body is larger than ${MAX_BODY_BYTES} bytes.`, 413);
  return req.headers['x-amz-target'] ? jsonError(error) : ec2Error(error, requestId);
}

function route(sb: Sandbox, req: IncomingMessage, body: string, defaultRegion: string, requestId: string): WireResponse {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (url.pathname.startsWith('/_ecsh/')) return control(sb, req, url, body, defaultRegion);
  const ctx = { region: scopeOf(req.headers.authorization, defaultRegion).region };
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target.startsWith(ECS_TARGET_PREFIX)) return handleEcs(sb, req.headers, body, ctx);
  if (typeof target === 'string' && target.startsWith(SSM_TARGET_PREFIX)) return handleSsm(sb, req.headers, body, ctx);
  if (typeof target === 'string') {
    return jsonError(
      new ApiError(
        'UnknownOperationException',
        `Unknown target ${target}: the sandbox serves ECS (${ECS_TARGET_PREFIX}*), SSM's public parameters (${SSM_TARGET_PREFIX}*) and the EC2/ELB query APIs.`,
      ),
    );
  }
  if (req.method !== 'POST' && req.method !== 'GET') {
    return ec2Error(new ApiError('InvalidAction', `Method ${req.method} is not supported.`), requestId);
  }
  const { action, version, params } = parseQuery(req.method === 'GET' ? url.search.slice(1) : body);
  return handleQuery(sb, version, action, params, ctx, requestId);
}

/** The sandbox's own endpoints under /_ecsh/: health, endpoints, the clock for tests, Fargate Spot interruptions. */
function control(sb: Sandbox, req: IncomingMessage, url: URL, body: string, defaultRegion: string): WireResponse {
  const json = (status: number, value: unknown): WireResponse => ({ status, contentType: 'application/json', body: JSON.stringify(value) });
  switch (url.pathname) {
    case '/_ecsh/health':
      return json(200, { status: 'ok', now: new Date(sb.now()).toISOString() });
    case '/_ecsh/endpoints': {
      const endpoints: unknown[] = [];
      sb.events.emit('endpoints', endpoints);
      return json(200, endpoints);
    }
    case '/_ecsh/fargate-spot/interrupt':
      return fargateSpotControl(sb, req.method, body, defaultRegion);
    case '/_ecsh/clock': {
      if (req.method === 'GET') return json(200, { now: sb.now(), speed: sb.clock.speed });
      if (!(sb.clock instanceof ManualClock)) return json(400, { message: 'only a sandbox started with a manual clock can be advanced' });
      let ms: unknown;
      try {
        ms = JSON.parse(body || '{}').advanceMs;
      } catch {
        return json(400, { message: 'body must be JSON {"advanceMs": N}' });
      }
      if (typeof ms !== 'number' || !(ms >= 0)) return json(400, { message: 'advanceMs must be a number >= 0' });
      sb.advance(ms);
      return json(200, { now: sb.now() });
    }
    default:
      return json(404, { message: `no such sandbox endpoint ${url.pathname}; try /_ecsh/endpoints` });
  }
}

function send(res: ServerResponse, response: WireResponse, requestId: string): void {
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, {
    'content-type': response.contentType,
    'content-length': body.length,
    'x-amzn-requestid': requestId,
    ...response.headers,
  });
  res.end(body);
}
