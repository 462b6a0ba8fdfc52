import type Docker from 'dockerode';
import { Writable } from 'node:stream';
import { MAX_LOG_LINES } from '../log-book.js';

/**
 * What a container prints, handed on a line at a time (stdout and stderr together) to the
 * runtime's LogBook, which keeps it as the virtual runtime keeps its containers' output, so that
 * `.logs` reads both runtimes alike. Followed from Docker's log stream, which starts with what
 * the container printed before.
 */
function lineSink(print: (line: string) => void): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      partial += chunk.toString('utf8');
      const parts = partial.split('\n');
      partial = parts.pop()!;
      for (const line of parts) print(line.replace(/\r$/, ''));
      done();
    },
  });
}

/** Follows container `id`'s output, a line at a time, until the container is gone or the returned function is called. */
export async function followLogs(docker: Docker, id: string, print: (line: string) => void): Promise<() => void> {
  const stream = await docker.getContainer(id).logs({ follow: true, stdout: true, stderr: true, tail: MAX_LOG_LINES });
  const sink = lineSink(print);
  docker.modem.demuxStream(stream, sink, sink);
  stream.on('error', () => undefined);
  return () => (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
}
