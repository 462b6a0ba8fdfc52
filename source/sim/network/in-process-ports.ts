import type { Server } from 'node:http';
import type { Sandbox } from '../sandbox.js';
import { socketPair, type PairedSocket, type SocketEnd } from './socket-pair.js';

/**
 * The ports this process serves itself (the virtual runtime's containers), by the address they
 * are bound on. A load balancer forwarding to one of them hands the connection to that same
 * HTTP server through an in-memory socket pair: the request and answer are the bytes they would
 * be on the wire, the target's server parses them and logs them, but no second trip through the
 * kernel's loopback doubles what every request costs. Anything else (a Docker container, a port
 * not served here) is reached over TCP.
 */

const servedBy = new WeakMap<Sandbox, Map<string, Server>>();

const key = (host: string, port: number) => `${host}:${port}`;

/** Registers `server` as what answers on `host:port`; the returned function unregisters it. */
export function serveInProcess(sb: Sandbox, host: string, port: number, server: Server): () => void {
  let ports = servedBy.get(sb);
  if (!ports) servedBy.set(sb, (ports = new Map()));
  const at = key(host, port);
  ports.set(at, server);
  return () => {
    if (ports.get(at) === server) ports.delete(at);
  };
}

let nextPort = 32768;

/** A connection from `from` to what this process serves on `host:port`, or undefined when nothing here does. */
export function connectInProcess(sb: Sandbox, from: string, host: string, port: number): PairedSocket | undefined {
  const server = servedBy.get(sb)?.get(key(host, port));
  if (!server?.listening) return undefined;
  // An ephemeral source port, as the kernel would give the connection.
  nextPort = nextPort >= 60999 ? 32768 : nextPort + 1;
  const client: SocketEnd = { address: from, port: nextPort };
  const [clientEnd, serverEnd] = socketPair(client, { address: host, port });
  server.emit('connection', serverEnd);
  return clientEnd;
}
