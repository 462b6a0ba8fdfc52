import type Docker from 'dockerode';
import { Writable } from 'node:stream';
import { MAX_LOG_LINES } from '../virtual/container-context.js';

/**
 * What a container prints, kept as the virtual runtime keeps it (the last lines, stdout and
 * stderr together) so that `.logs` reads both runtimes alike. Followed from Docker's log
 * stream, which starts with what the container printed before.
 */
function lineSink(lines: string[]): Writable {
  let partial = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      partial += chunk.toString('utf8');
      const parts = partial.split('\n');
      partial = parts.pop()!;
      lines.push(...parts.map((line) => line.replace(/\r$/, '')));
      if (lines.length > MAX_LOG_LINES) lines.splice(0, lines.length - MAX_LOG_LINES);
      done();
    },
  });
}

/** Follows container `id`'s output into `lines` until the container is gone or the returned function is called. */
export async function followLogs(docker: Docker, id: string, lines: string[]): Promise<() => void> {
  const stream = await docker.getContainer(id).logs({ follow: true, stdout: true, stderr: true, tail: MAX_LOG_LINES });
  const sink = lineSink(lines);
  docker.modem.demuxStream(stream, sink, sink);
  stream.on('error', () => undefined);
  return () => (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
}
