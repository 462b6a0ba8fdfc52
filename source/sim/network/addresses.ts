import type { Socket as UdpSocket } from 'node:dgram';
import type { Server } from 'node:net';
import type { TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * Where the sandbox's simulated hosts listen on this machine. Each instance's private address
 * has a loopback twin that keeps its last three octets (10.0.5.12 -> 127.0.5.12, 172.31.5.12 ->
 * 127.31.5.12): on Linux all of 127.0.0.0/8 reaches the loopback interface, so every instance
 * gets an address of its own and its ports can be the ones ECS reports. Where a twin or a port
 * cannot be bound (another OS, a port below 1024 without privileges, a port already taken), the
 * listener falls back to 127.0.0.1 and an ephemeral port, and the host is told once.
 */

/** A TCP server or a UDP socket: what a listener binds. */
export type Bindable = Server | UdpSocket;

/** Binds `target` to `host:port`; rejects with the system error (its `code`) when it cannot. */
export type BindFunction = (target: Bindable, host: string, port: number) => Promise<void>;

export interface NetworkOptions {
  /** Where notices for the person running the sandbox go (stderr when absent). */
  notify?: (message: string) => void;
  /** How listeners are bound; tests inject failures here. */
  bind?: BindFunction;
}

export const FALLBACK_HOST = '127.0.0.1';

/** The errors after which a listener moves to the fallback address instead of failing. */
const FALLBACK_CODES = new Set(['EADDRNOTAVAIL', 'EACCES', 'EPERM', 'EADDRINUSE']);

interface NetworkConfig {
  notify: (message: string) => void;
  bind: BindFunction;
  /** The kinds of fallback already told, so each is said once. */
  told: Set<string>;
}

const configs = new WeakMap<Sandbox, NetworkConfig>();

function configOf(sb: Sandbox): NetworkConfig {
  let config = configs.get(sb);
  if (!config) {
    config = { notify: (message) => process.stderr.write(`${message}\n`), bind: bindSocket, told: new Set() };
    configs.set(sb, config);
  }
  return config;
}

/** Sets how this sandbox's listeners bind and where their notices go. */
export function configureNetwork(sb: Sandbox, options: NetworkOptions = {}): void {
  const config = configOf(sb);
  if (options.notify) config.notify = options.notify;
  if (options.bind) config.bind = options.bind;
}

/** Tells the person running the sandbox something (through the host's callback). */
export function networkNotice(sb: Sandbox, message: string): void {
  configOf(sb).notify(message);
}

/** The system's own binding, for a TCP server or a UDP socket. */
export const bindSocket: BindFunction = (target, host, port) =>
  new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    target.once('error', fail);
    const done = () => {
      target.off('error', fail);
      resolve();
    };
    if ('listen' in target) target.listen({ host, port, exclusive: true }, done);
    else target.bind({ address: host, port, exclusive: true }, done);
  });

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isLoopback(host: string): boolean {
  const match = IPV4.exec(host);
  return match !== null && match[1] === '127' && match.slice(2).every((octet) => Number(octet) <= 255);
}

/** The loopback twin of a private IPv4 address: 127 and its last three octets. */
export function loopbackTwin(privateIp: string): string | undefined {
  const match = IPV4.exec(privateIp);
  if (!match || match.slice(1).some((octet) => Number(octet) > 255)) return undefined;
  return `127.${match[2]}.${match[3]}.${match[4]}`;
}

/** The twin of an EC2 instance's private address, while it has one. */
export function ec2InstanceTwin(sb: Sandbox, ec2InstanceId: string | undefined): string | undefined {
  const instance = ec2InstanceId ? sb.tables.ec2Instances.get(ec2InstanceId) : undefined;
  return instance?.privateIpAddress ? loopbackTwin(instance.privateIpAddress) : undefined;
}

/** Whether a task has a network interface of its own (awsvpc) instead of its instance's ports. */
export function isAwsvpcTask(task: TaskRecord): boolean {
  return task.attachments.some((a: any) => a?.type === 'ElasticNetworkInterface');
}

/** The private address of an awsvpc task's network interface. */
export function taskEniAddress(task: TaskRecord): string | undefined {
  const eni = task.attachments.find((a: any) => a?.type === 'ElasticNetworkInterface') as { details?: Array<{ name: string; value?: string }> } | undefined;
  return eni?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
}

/** Where a task's ports listen: its own interface's twin (awsvpc), else its instance's. */
export function taskTwin(sb: Sandbox, task: TaskRecord): string | undefined {
  const eni = taskEniAddress(task);
  if (eni) return loopbackTwin(eni);
  const instance = task.containerInstanceArn ? sb.tables.containerInstances.get(task.containerInstanceArn) : undefined;
  return ec2InstanceTwin(sb, instance?.ec2InstanceId);
}

export function httpUrl(host: string, port: number): string {
  return `http://${host}:${port}`;
}

/** The host and port of a URL httpUrl made. (A URL leaves out port 80: `new URL(...).port` is then empty.) */
export function urlAddress(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) };
}

export interface Bound {
  host: string;
  port: number;
  /** Whether it is on the fallback address instead of the one asked for. */
  fallback: boolean;
}

function boundPort(target: Bindable): number {
  const address = target.address();
  return typeof address === 'object' && address !== null ? address.port : 0;
}

function fallbackNotice(code: string, host: string, port: number): { kind: string; message: string } {
  const instead = `listening on ${FALLBACK_HOST} with ephemeral ports instead (GET /_ecsh/endpoints lists the URLs)`;
  switch (code) {
    case 'EADDRNOTAVAIL':
      return { kind: code, message: `ecsh: this system does not reach ${host} through loopback (all of 127.0.0.0/8 does on Linux); ${instead}.` };
    case 'EACCES':
    case 'EPERM':
      return { kind: 'privileged', message: `ecsh: port ${port} needs privileges that this process does not have; for such ports, ${instead}.` };
    default:
      return { kind: code, message: `ecsh: ${host}:${port} is already in use on this machine; for ports already in use, ${instead}.` };
  }
}

/**
 * Binds `target` to `host:port` on loopback (port 0 for an ephemeral one), or to the fallback
 * address when that cannot be bound, telling the host once for each kind of reason.
 */
export async function bindLoopback(sb: Sandbox, target: Bindable, host: string, port: number): Promise<Bound> {
  if (!isLoopback(host)) throw new Error(`ecsh listens on loopback only, not on ${host}`);
  const config = configOf(sb);
  try {
    await config.bind(target, host, port);
    return { host, port: boundPort(target) || port, fallback: false };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!FALLBACK_CODES.has(code)) throw error;
    const notice = fallbackNotice(code, host, port);
    if (!config.told.has(notice.kind)) {
      config.told.add(notice.kind);
      config.notify(notice.message);
    }
    await config.bind(target, FALLBACK_HOST, 0);
    return { host: FALLBACK_HOST, port: boundPort(target), fallback: true };
  }
}
