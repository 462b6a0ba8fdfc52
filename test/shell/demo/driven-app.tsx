import { parseDemoScript, type DemoScript } from '../../../source/demo/index.js';
import type { ShellDriver } from '../../../source/shell/demo/shell-driver.js';
import type { ShellContext } from '../../../source/shell/shell-context.js';
import { renderApp, type AppHarness } from '../app-harness.js';

export type DrivenApp = AppHarness;

/** The shell's screen (ink-testing-library) on a throw-away sandbox, with drivers from the start. */
export function renderDriven(drivers: readonly ShellDriver[], extra: Partial<ShellContext> = {}): Promise<DrivenApp> {
  return renderApp(extra, { drivers, profiles: ['default'] });
}

/** A script from its text, as the parser reads it (file:line in any problem). */
export function scriptOf(text: string, file = '/tmp/screen-test.demo'): DemoScript {
  const { script, problems } = parseDemoScript(text, file);
  if (!script) throw new Error(problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join('\n'));
  return script;
}

/** The prompt row as shown. */
export function promptRow(frame: string): string {
  return frame.split('\n').findLast((row) => /^sandbox/.test(row)) ?? '';
}
