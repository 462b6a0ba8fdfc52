import type { Sandbox } from '../sandbox.js';

/**
 * Every loopback URL the sandbox serves besides its API, as `GET /_ecsh/endpoints` lists them.
 * Whatever starts a listener publishes it here and withdraws it when the listener closes, so
 * the list is always what a user can reach right now.
 */
export const ENDPOINT_KINDS = [
  'load-balancer-listener',
  'task-port',
  'agent',
  'consul-http',
  'consul-dns',
  'fabio-proxy',
  'fabio-ui',
] as const;

export type EndpointKind = (typeof ENDPOINT_KINDS)[number];

export interface Endpoint {
  kind: EndpointKind;
  name: string;
  /** What it belongs to: a listener or classic load balancer, a task, a container instance. */
  arn?: string;
  url: string;
}

const registries = new WeakMap<Sandbox, Set<Endpoint>>();

function registryOf(sb: Sandbox): Set<Endpoint> {
  let registry = registries.get(sb);
  if (!registry) {
    const published = new Set<Endpoint>();
    registry = published;
    registries.set(sb, published);
    // The protocol layer asks with an array to fill.
    sb.events.on('endpoints', (into: unknown[]) => into.push(...listEndpoints(sb)));
  }
  return registry;
}

/** Lists `endpoint` until the returned function is called. */
export function publishEndpoint(sb: Sandbox, endpoint: Endpoint): () => void {
  const registry = registryOf(sb);
  const entry = { ...endpoint };
  registry.add(entry);
  sb.events.emit('endpoint-change');
  return () => {
    if (registry.delete(entry)) sb.events.emit('endpoint-change');
  };
}

/** The live endpoints, by kind (in the order above), then name. */
export function listEndpoints(sb: Sandbox): Endpoint[] {
  const order = (kind: EndpointKind) => ENDPOINT_KINDS.indexOf(kind);
  return [...registryOf(sb)]
    .sort((a, b) => order(a.kind) - order(b.kind) || a.name.localeCompare(b.name) || a.url.localeCompare(b.url))
    .map(({ kind, name, arn, url }) => (arn === undefined ? { kind, name, url } : { kind, name, arn, url }));
}

/** Makes the sandbox answer `/_ecsh/endpoints` even before anything is published. */
export function installEndpoints(sb: Sandbox): void {
  registryOf(sb);
}
