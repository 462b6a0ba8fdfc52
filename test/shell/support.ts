import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { History } from '../../source/shell/history.js';
import { Session, type SessionOptions } from '../../source/shell/session.js';
import { memorySettings, type SettingsStore } from '../../source/shell/settings.js';
import type { ShellContext } from '../../source/shell/shell-context.js';

export interface TestShell {
  context: ShellContext & { settings: SettingsStore };
  session: Session;
  close(): Promise<void>;
}

/** A shell context on a throw-away in-process sandbox, with its history in a temporary file. */
export function testShell(options: Partial<SessionOptions> = {}, extra: Partial<ShellContext> = {}): TestShell {
  const session = new Session({ backend: 'sandbox', ephemeral: true, ...options });
  const history = History.open(join(mkdtempSync(join(tmpdir(), 'ecsh-shell-')), 'history'));
  const context = { session, history, settings: memorySettings(), ...extra };
  return { context, session, close: () => session.close() };
}
