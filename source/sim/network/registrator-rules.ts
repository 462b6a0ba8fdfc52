/**
 * Registrator's rules for turning a container's published ports into Consul services
 * (gliderlabs/registrator bridge.newService and the Consul adapter's buildCheck):
 * - name: SERVICE_<port>_NAME, else SERVICE_NAME, else the image's base name without tag,
 *   with `-<port>` appended when the container publishes several ports and the name is not
 *   port-specific;
 * - ID: `<hostname>:<container name>:<exposed port>` (`:udp` appended for UDP), or SERVICE_ID;
 * - address: `-ip` when given, else the host's; port: the published host port;
 * - tags: SERVICE_TAGS (comma list, `\,` escapes a comma), then `-tags`, then `udp` for UDP;
 * - every other SERVICE_[<port>_]KEY, lower-cased, is an attribute: check_* configure the
 *   check, the rest become the service's Meta. Labels count too; environment wins over labels.
 * - SERVICE_IGNORE (or SERVICE_<port>_IGNORE) skips the port; with -explicit, only named
 *   services are registered.
 */
export interface PublishedPort {
  exposedPort: number;
  hostPort: number;
  /** Where the port is reached. */
  hostIp: string;
  protocol: 'tcp' | 'udp';
}

export interface ContainerView {
  /** The Docker container name, without the leading slash. */
  name: string;
  image: string;
  environment: Record<string, string>;
  labels: Record<string, string>;
  ports: PublishedPort[];
}

export interface NamingConfig {
  hostname: string;
  /** `-ip`: the address to register instead of the host's. */
  hostIp?: string;
  /** `-tags`: tags forced on every service. */
  forceTags: string[];
  /** `-explicit`: only containers with a SERVICE_NAME are registered. */
  explicit: boolean;
}

export interface ServiceCheck {
  HTTP?: string;
  TCP?: string;
  TTL?: string;
  Script?: string;
  Interval?: string;
  Timeout?: string;
  Status?: string;
  DeregisterCriticalServiceAfter?: string;
}

/** A service as Registrator registers it: PUT /v1/agent/service/register takes this as is. */
export interface RegistratorService {
  ID: string;
  Name: string;
  Port: number;
  Tags: string[];
  Address: string;
  Meta: Record<string, string>;
  Check?: ServiceCheck;
}

export const DEFAULT_CHECK_INTERVAL = '10s';

/** SERVICE_TAGS: split on commas that are not escaped as `\,`. */
export function splitTags(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && text[i + 1] === ',') {
      current += ',';
      i++;
    } else if (c === ',') {
      if (current !== '') out.push(current);
      current = '';
    } else current += c;
  }
  if (current !== '') out.push(current);
  return out;
}

/** The SERVICE_* metadata of one port, and which of its keys were port-specific. */
export function serviceMetadata(container: ContainerView, exposedPort: number): { metadata: Record<string, string>; fromPort: Set<string> } {
  const merged: Record<string, string> = { ...container.labels, ...container.environment };
  const metadata: Record<string, string> = {};
  const fromPort = new Set<string>();
  for (const [name, value] of Object.entries(merged)) {
    if (!name.startsWith('SERVICE_')) continue;
    const key = name.slice('SERVICE_'.length).toLowerCase();
    const portKey = /^(\d+)_(.+)$/.exec(key);
    if (portKey) {
      if (Number(portKey[1]) !== exposedPort) continue;
      metadata[portKey[2]!] = value;
      fromPort.add(portKey[2]!);
    } else if (!fromPort.has(key)) {
      metadata[key] = value;
    }
  }
  return { metadata, fromPort };
}

/** The image's base name without tag or digest: `my_docker_hub_repo/weather:1` -> `weather`. */
export function imageServiceName(image: string): string {
  const base = image.split('/').pop() ?? image;
  return base.split('@')[0]!.split(':')[0]!;
}

function buildCheck(attrs: Record<string, string>, ip: string, port: number): ServiceCheck | undefined {
  const check: ServiceCheck = {};
  if (attrs.check_initial_status) check.Status = attrs.check_initial_status;
  if (attrs.check_http) {
    check.HTTP = `http://${ip}:${port}${attrs.check_http}`;
    if (attrs.check_timeout) check.Timeout = attrs.check_timeout;
  } else if (attrs.check_https) {
    check.HTTP = `https://${ip}:${port}${attrs.check_https}`;
    if (attrs.check_timeout) check.Timeout = attrs.check_timeout;
  } else if (attrs.check_script) {
    check.Script = attrs.check_script.replaceAll('$SERVICE_IP', ip).replaceAll('$SERVICE_PORT', String(port));
  } else if (attrs.check_ttl) {
    check.TTL = attrs.check_ttl;
  } else if (attrs.check_tcp) {
    check.TCP = `${ip}:${port}`;
    if (attrs.check_timeout) check.Timeout = attrs.check_timeout;
  } else {
    return undefined;
  }
  if (check.Script || check.HTTP || check.TCP) check.Interval = attrs.check_interval || DEFAULT_CHECK_INTERVAL;
  if (attrs.check_deregister_after) check.DeregisterCriticalServiceAfter = attrs.check_deregister_after;
  return check;
}

/** The services of a container, one per published port it does not ignore. */
export function servicesFor(container: ContainerView, config: NamingConfig): RegistratorService[] {
  const published = container.ports.filter((p) => p.hostPort > 0);
  const isGroup = published.length > 1;
  const out: RegistratorService[] = [];
  for (const port of published) {
    const { metadata, fromPort } = serviceMetadata(container, port.exposedPort);
    if (metadata.ignore) continue;
    let name = metadata.name ?? '';
    if (!name) {
      if (config.explicit) continue;
      name = imageServiceName(container.image);
    }
    if (isGroup && !fromPort.has('name')) name += `-${port.exposedPort}`;
    const ip = config.hostIp || port.hostIp;
    const udp = port.protocol === 'udp';
    const tags = [...splitTags(metadata.tags ?? ''), ...config.forceTags, ...(udp ? ['udp'] : [])];
    const id = metadata.id || `${config.hostname}:${container.name}:${port.exposedPort}${udp ? ':udp' : ''}`;
    const attrs = Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== 'id' && key !== 'tags' && key !== 'name'));
    const meta = Object.fromEntries(Object.entries(attrs).filter(([key]) => !key.startsWith('check_')));
    const check = buildCheck(attrs, ip, port.hostPort);
    out.push({ ID: id, Name: name, Port: port.hostPort, Tags: tags, Address: ip, Meta: meta, ...(check ? { Check: check } : {}) });
  }
  return out;
}

/** IDs Registrator made (`host:container:port[:udp]`), for -cleanup: the host and container. */
export function parseServiceId(id: string): { hostname: string; container: string } | undefined {
  const match = /^(.+?):([a-zA-Z0-9][a-zA-Z0-9_.-]+):[0-9]+(?::udp)?$/.exec(id);
  return match ? { hostname: match[1]!, container: match[2]! } : undefined;
}
