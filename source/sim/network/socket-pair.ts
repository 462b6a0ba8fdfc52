import { Duplex } from 'node:stream';

/**
 * Two connected in-memory sockets: what one writes the other reads, an end is a half close,
 * and destroying one end closes the other, as a reset does. They carry what an
 * HTTP server and client ask of a socket (addresses, idle timeouts, ref/unref), so an
 * in-process server can take one end as a connection and a client speak HTTP on the other
 * without a round trip through the kernel.
 */

export interface SocketEnd {
  address: string;
  port: number;
}

export class PairedSocket extends Duplex {
  peer!: PairedSocket;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteFamily = 'IPv4';
  /** The peer's write waiting for this end to read on (backpressure). */
  private blockedWrite?: () => void;
  private idle?: NodeJS.Timeout;

  constructor(local: SocketEnd, remote: SocketEnd) {
    super({ allowHalfOpen: true });
    this.localAddress = local.address;
    this.localPort = local.port;
    this.remoteAddress = remote.address;
    this.remotePort = remote.port;
  }

  override _read(): void {
    const resume = this.blockedWrite;
    this.blockedWrite = undefined;
    resume?.();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.idle?.refresh();
    if (this.peer.destroyed) return done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    this.peer.idle?.refresh();
    if (this.peer.push(chunk)) done();
    else this.peer.blockedWrite = () => done();
  }

  /** What was written while corked goes over as one chunk: one read, one parse on the other side. */
  override _writev(chunks: Array<{ chunk: Buffer }>, done: (error?: Error | null) => void): void {
    this._write(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk)), 'latin1', done);
  }

  override _final(done: (error?: Error | null) => void): void {
    if (!this.peer.destroyed) this.peer.push(null);
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.setTimeout(0);
    this.blockedWrite = undefined;
    // The peer sees the connection close, as after a reset: what it had not read is gone.
    if (!this.peer.destroyed) this.peer.destroy();
    done(error);
  }

  /** Emits 'timeout' after `ms` without traffic either way (0 turns it off), as net.Socket does. */
  setTimeout(ms: number, listener?: () => void): this {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (listener) this.once('timeout', listener);
    if (ms > 0 && !this.destroyed) {
      this.idle = setTimeout(() => this.emit('timeout'), ms);
      this.idle.unref();
    }
    return this;
  }

  // Nothing here holds the event loop or batches small writes.
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/** A connection from `client` to `server`: the client's end first. */
export function socketPair(client: SocketEnd, server: SocketEnd): [PairedSocket, PairedSocket] {
  const a = new PairedSocket(client, server);
  const b = new PairedSocket(server, client);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
