import { spawn } from 'node:child_process';

export interface SystemCommandResult {
  /** What the command printed, stdout and stderr as they came. */
  output: string;
  /** How it failed, in one line; undefined when it exited with status 0. */
  error?: string;
}

/** Output kept from one command: enough for any listing, not enough to exhaust memory. */
const MAX_OUTPUT = 4 * 1024 * 1024;

/**
 * `!cmd`: a command of the system shell, its output captured for the output log. Its stdin
 * is closed, since the shell owns the terminal; ctrl-c (the signal) ends it and what it
 * started (its process group).
 */
export function runSystemCommand(command: string, signal?: AbortSignal, cwd: string = process.cwd()): Promise<SystemCommandResult> {
  const windows = process.platform === 'win32';
  const [file, args] = windows ? [process.env.ComSpec || 'cmd.exe', ['/d', '/s', '/c', command]] : ['/bin/sh', ['-c', command]];
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: !windows, windowsHide: true });
    const collect = (chunk: Buffer) => {
      if (size >= MAX_OUTPUT) {
        truncated = true;
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);

    const stop = () => {
      try {
        if (windows || child.pid === undefined) child.kill('SIGTERM');
        else process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    if (signal?.aborted) stop();
    signal?.addEventListener('abort', stop, { once: true });

    child.once('error', (error) => {
      signal?.removeEventListener('abort', stop);
      resolve({ output: '', error: `cannot run '${command}': ${error.message}` });
    });
    child.once('close', (code, killedBy) => {
      signal?.removeEventListener('abort', stop);
      let output = Buffer.concat(chunks).toString('utf8');
      if (truncated) output += `\n[output cut at ${MAX_OUTPUT / 1024 / 1024} MiB]\n`;
      const name = command.trim().split(/\s+/)[0];
      if (signal?.aborted) resolve({ output, error: 'cancelled' });
      else if (code === 0) resolve({ output });
      else resolve({ output, error: killedBy ? `${name} was stopped by ${killedBy}` : `${name} exited with status ${code}` });
    });
  });
}
