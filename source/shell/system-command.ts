import { spawn } from 'node:child_process';
import type { Session } from './session.js';

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
 * started (its process group). `env` is added to ecsh's own environment (systemCommandEnv).
 */
export function runSystemCommand(command: string, signal?: AbortSignal, cwd: string = process.cwd(), env: Readonly<Record<string, string>> = {}): Promise<SystemCommandResult> {
  const windows = process.platform === 'win32';
  const [file, args] = windows ? [process.env.ComSpec || 'cmd.exe', ['/d', '/s', '/c', command]] : ['/bin/sh', ['-c', command]];
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const child = spawn(file, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: !windows, windowsHide: true });
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

/**
 * What a `!` command gets besides ecsh's environment: ECSH_ENDPOINT, the sandbox's URL (where
 * `GET /_ecsh/endpoints` lists what can be reached), when the session is on a sandbox, as a
 * demo's `!` steps get it; so `sh bin/endpoint php-app:80` works off script too. On AWS, or
 * when the sandbox cannot start, nothing: the command runs all the same.
 */
export async function systemCommandEnv(session: Session): Promise<Record<string, string>> {
  if (session.state.kind !== 'sandbox') return {};
  try {
    const backend = await session.backend();
    return backend.endpoints ? { ECSH_ENDPOINT: backend.endpoints } : {};
  } catch {
    return {};
  }
}
