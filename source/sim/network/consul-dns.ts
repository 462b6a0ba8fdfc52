import { createSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import type { Sandbox } from '../sandbox.js';
import { bindLoopback, bindSocket, type Bound } from './addresses.js';
import type { ConsulCatalog } from './consul/catalog.js';
import { respond, type DnsContext } from './consul/dns-answers.js';

/**
 * Consul's DNS server (port 8600 by default, 53 in the demo's image): UDP and TCP on loopback,
 * the same port when nothing says otherwise (a container may publish only one of them), packets
 * built and read with dns-packet. What it answers is in consul/dns-answers.ts.
 */
export interface ConsulDnsOptions {
  sandbox: Sandbox;
  catalog: ConsulCatalog;
  /** Where UDP and TCP listen (port 0: a free one; TCP then takes UDP's number when it is free). */
  udp: { host: string; port: number };
  tcp: { host: string; port: number };
  domain?: string;
  /** A load balancer's DNS name to its loopback addresses, so that they resolve here too. */
  lookupLoadBalancer?: (name: string) => string[] | undefined;
}

export interface ConsulDns {
  udp: { host: string; port: number };
  tcp: { host: string; port: number };
  close(): Promise<void>;
}

/** How long a TCP client may stay idle between queries. */
const TCP_IDLE_MS = 10_000;

export async function startConsulDns(options: ConsulDnsOptions): Promise<ConsulDns> {
  const ctx: DnsContext = {
    catalog: options.catalog,
    domain: (options.domain ?? 'consul').toLowerCase().replace(/\.$/, ''),
    lookupLoadBalancer: options.lookupLoadBalancer,
    rotation: new Map(),
  };
  const connections = new Set<Socket>();
  const udp = createSocket('udp4');
  const tcp = createServer((socket) => serveTcp(ctx, socket, connections));
  const udpBound = await bindLoopback(options.sandbox, udp, options.udp.host, options.udp.port);
  const tcpBound = await bindTcp(options, tcp, udpBound).catch((error: unknown) => {
    udp.close();
    throw error;
  });
  udp.on('message', (message, remote) => {
    const answer = respond(ctx, message, true);
    if (answer) udp.send(answer, remote.port, remote.address);
  });
  udp.on('error', () => undefined);
  tcp.on('error', () => undefined);
  return {
    udp: { host: udpBound.host, port: udpBound.port },
    tcp: { host: tcpBound.host, port: tcpBound.port },
    close: async () => {
      for (const socket of connections) socket.destroy();
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
      ]);
    },
  };
}

/**
 * TCP where asked. Asked for UDP's port (or any port on UDP's host), it takes the number UDP
 * got when that is free for TCP too, so that one address answers both.
 */
async function bindTcp(options: ConsulDnsOptions, tcp: Server, udp: Bound): Promise<Bound> {
  const sameAsUdp = options.tcp.host === options.udp.host && (options.tcp.port === 0 || options.tcp.port === options.udp.port);
  if (sameAsUdp) {
    try {
      await bindSocket(tcp, udp.host, udp.port);
      return udp;
    } catch {
      return bindLoopback(options.sandbox, tcp, udp.host, 0);
    }
  }
  return bindLoopback(options.sandbox, tcp, options.tcp.host, options.tcp.port);
}

/** TCP DNS: each message is preceded by its length in two bytes; several may share a connection. */
function serveTcp(ctx: DnsContext, socket: Socket, connections: Set<Socket>): void {
  connections.add(socket);
  socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
  socket.on('close', () => connections.delete(socket));
  socket.on('error', () => socket.destroy());
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2) {
      const length = buffered.readUInt16BE(0);
      if (buffered.length < length + 2) return;
      const message = buffered.subarray(2, length + 2);
      buffered = buffered.subarray(length + 2);
      const answer = respond(ctx, message, false);
      if (!answer) {
        socket.destroy();
        return;
      }
      const frame = Buffer.alloc(answer.length + 2);
      frame.writeUInt16BE(answer.length, 0);
      answer.copy(frame, 2);
      socket.write(frame);
    }
  });
}
