import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import dnsPacket, { type Packet, type RecordType } from 'dns-packet';

/** An independent DNS client for the tests: dns-packet over UDP or TCP, and `dig` when installed. */

let nextId = 1;

function query(name: string, type: string, edns: boolean): Buffer {
  return dnsPacket.encode({
    id: nextId++ & 0xffff,
    type: 'query',
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: type as RecordType, name }],
    additionals: edns ? [{ type: 'OPT', name: '.', udpPayloadSize: 4096 } as any] : [],
  });
}

export function askUdp(host: string, port: number, name: string, type: string, edns = false): Promise<Packet & { rcode?: string }> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no UDP answer for ${name}`));
    }, 5000);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(dnsPacket.decode(message));
    });
    socket.send(query(name, type, edns), port, host);
  });
}

export function askTcp(host: string, port: number, name: string, type: string): Promise<Packet & { rcode?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let buffered = Buffer.alloc(0);
    socket.on('connect', () => {
      const message = query(name, type, false);
      const frame = Buffer.alloc(message.length + 2);
      frame.writeUInt16BE(message.length, 0);
      message.copy(frame, 2);
      socket.write(frame);
    });
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 2 || buffered.length < buffered.readUInt16BE(0) + 2) return;
      socket.destroy();
      resolve(dnsPacket.decode(buffered.subarray(2)));
    });
    socket.on('error', reject);
  });
}

export function digInstalled(): Promise<boolean> {
  return new Promise((resolve) => execFile('dig', ['-v'], (error) => resolve(!error)));
}

/** `dig @host -p port name type` with the given options; its stdout. */
export function dig(host: string, port: number, name: string, type: string, ...options: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile('dig', [`@${host}`, '-p', String(port), name, type, '+time=3', '+tries=1', ...options], (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );
}
