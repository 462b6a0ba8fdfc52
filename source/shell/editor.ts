import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface EditResult {
  /** The commands saved, one a line (continued lines joined); empty when the file was emptied. */
  lines?: string[];
  error?: string;
}

/**
 * `.edit`: the last command in $VISUAL or $EDITOR (vi when neither is set), in a file only
 * the user can read; what is saved comes back as the commands to run, as bash's `fc` does.
 * The editor gets the terminal: the shell waits, without reading or drawing, until it exits.
 */
export function editInEditor(text: string, env: NodeJS.ProcessEnv = process.env): EditResult {
  const editor = env.VISUAL || env.EDITOR || 'vi';
  const dir = mkdtempSync(join(tmpdir(), 'ecsh-edit-'));
  const file = join(dir, 'command.ecsh');
  try {
    writeFileSync(file, `${text}\n`, { mode: 0o600 });
    // Through the shell, as git and others do, so that EDITOR="code --wait" works.
    const run = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'ecsh-edit', file], { stdio: 'inherit', env });
    if (run.error) return { error: `cannot start the editor '${editor}': ${run.error.message}` };
    if (run.status !== 0) return { error: `the editor '${editor}' exited with status ${run.status ?? run.signal}; nothing was run` };
    return { lines: commandLines(readFileSync(file, 'utf8')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The non-empty lines that are not # comments, with backslash-continued lines joined. */
export function commandLines(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
