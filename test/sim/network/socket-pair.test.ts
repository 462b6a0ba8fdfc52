import { createServer, request } from 'node:http';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { socketPair } from '../../../source/sim/network/socket-pair.js';

const client = { address: '127.31.0.9', port: 40000 };
const server = { address: '127.0.5.12', port: 80 };

describe('an in-memory socket pair', () => {
  it('carries bytes both ways, with each end naming the other as TCP would', async () => {
    const [a, b] = socketPair(client, server);
    expect([a.localAddress, a.remoteAddress, b.localAddress, b.remoteAddress, b.remotePort]).toEqual(['127.31.0.9', '127.0.5.12', '127.0.5.12', '127.31.0.9', 40000]);
    const seen: string[] = [];
    b.on('data', (chunk: Buffer) => seen.push(`b:${chunk}`));
    a.on('data', (chunk: Buffer) => seen.push(`a:${chunk}`));
    a.write('ping');
    b.write('pong');
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.sort()).toEqual(['a:pong', 'b:ping']);
  });

  it('half-closes on end, and a destroyed end closes the other', async () => {
    const [a, b] = socketPair(client, server);
    b.resume();
    const ended = once(b, 'end');
    a.end();
    await ended;
    expect(b.destroyed).toBe(false);
    const closed = once(a, 'close');
    b.destroy();
    await closed;
    expect(a.destroyed).toBe(true);
  });

  it('holds a writer back until the reader takes what it was sent', async () => {
    const [a, b] = socketPair(client, server);
    const big = Buffer.alloc(64 * 1024, 1);
    let written = 0;
    while (a.write(big)) written += big.length;
    expect(written).toBeLessThan(1024 * 1024);
    const drained = once(a, 'drain');
    let read = 0;
    b.on('data', (chunk: Buffer) => (read += chunk.length));
    await drained;
    expect(read).toBeGreaterThan(written);
  });

  it('times out when idle, as net.Socket does', async () => {
    const [a] = socketPair(client, server);
    const started = Date.now();
    await new Promise<void>((resolve) => a.setTimeout(30, resolve));
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('serves as an HTTP server connection, the request coming from the client end', async () => {
    const http = createServer((req, res) => res.end(`hello ${req.socket.remoteAddress} ${req.headers.host}`));
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({
        host: 'web',
        path: '/',
        createConnection: () => {
          const [a, b] = socketPair(client, server);
          http.emit('connection', b);
          return a as never;
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('hello 127.31.0.9 web:80');
  });
});
