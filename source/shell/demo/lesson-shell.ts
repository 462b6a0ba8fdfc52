import { lessonSandbox, openLesson, type LessonRun } from '../../demo/index.js';
import { History } from '../history.js';
import { runInteractiveShell } from '../render-shell.js';
import { runLine } from '../run-line.js';
import { Session } from '../session.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import type { ShellContext } from '../shell-context.js';
import { LessonDriver } from './lesson-driver.js';

/**
 * The shell with a lesson running (`ecsh learn NAME`), on a fresh ephemeral sandbox with the
 * lesson's seed and speed. Resolves to the shell's exit status, or 1 (said on stderr) when
 * the lesson cannot open.
 */
export async function startLessonShell(options: { lesson: string; progressFile?: string }): Promise<number> {
  let sandbox: { seed: number; speed: number };
  try {
    sandbox = lessonSandbox(options.lesson);
  } catch (error) {
    return cannotOpen(error);
  }
  const session = new Session({ backend: 'sandbox', ephemeral: true, ...sandbox });
  const context: ShellContext = { session, history: History.open(undefined) };
  try {
    let lesson: LessonRun;
    try {
      lesson = await openLesson(options.lesson, {
        runLine: (line) => runLine(line, context),
        ...(options.progressFile !== undefined ? { progressFile: options.progressFile } : {}),
      });
    } catch (error) {
      return cannotOpen(error);
    }
    return await runInteractiveShell({ context, settings: DEFAULT_SETTINGS, drivers: [new LessonDriver(lesson)] });
  } finally {
    await session.close();
  }
}

function cannotOpen(error: unknown): number {
  process.stderr.write(`ecsh: ${(error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ')}\n`);
  return 1;
}
