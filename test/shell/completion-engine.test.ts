import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCompletionEngine } from '../../source/shell/completion-engine.js';
import { testShell, type TestShell } from './support.js';

let shell: TestShell | undefined;
afterEach(async () => {
  await shell?.close();
  shell = undefined;
});

describe('the completion engine', () => {
  it('completes file:// paths from the directory the shell runs commands in', async () => {
    shell = testShell();
    const engine = await loadCompletionEngine(shell.session, { profiles: [], provider: async () => [] });
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-engine-'));
    writeFileSync(join(dir, 'task-def.json'), '{}');
    const line = 'ecs register-task-definition --cli-input-json file://';
    const labels = (cwd?: string) => engine.complete(line, line.length, { mode: 'prefix', ...(cwd ? { cwd } : {}) }).candidates.map((c) => c.label);
    expect(labels(dir)).toEqual(['task-def.json']);
    // Without one, where the process runs (vitest runs in the repository).
    expect(labels()).toContain('package.json');
  });
});
