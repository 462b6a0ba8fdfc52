import { lessonSandbox, openLesson, type LessonRun, type SandboxSpec } from '../../demo/index.js';
import { History } from '../history.js';
import { runLine } from '../run-line.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import type { ShellContext } from '../shell-context.js';
import { holdKeys } from './hold-keys.js';
import { LessonDriver } from './lesson-driver.js';
import { seededSession } from './seeded-session.js';

/**
 * The shell with a lesson running (`ecsh learn NAME`), on a fresh ephemeral sandbox with the
 * lesson's seed, speed and region, and an ecs-cli configuration of its own, as a demo has:
 * the learner's own (its region, its default cluster) would send the lesson's `ecs-cli up`
 * elsewhere than its checks look. Resolves to the shell's exit status, or 1 (said on stderr) when
 * the lesson cannot open.
 */
export async function startLessonShell(options: { lesson: string; progressFile?: string }): Promise<number> {
  let sandbox: SandboxSpec;
  try {
    sandbox = lessonSandbox(options.lesson);
  } catch (error) {
    return cannotOpen(error);
  }
  const keys = holdKeys();
  // Loaded once the keys are held: the screen (Ink) and ecs-cli (the SDK) take a while.
  const [{ runInteractiveShell }, { privateConfigLocations }] = await Promise.all([import('../render-shell.js'), import('../../commands/ecs-cli/index.js')]).catch((error: unknown) => {
    keys.release();
    throw error;
  });
  const session = seededSession(sandbox);
  const ecsCli = privateConfigLocations();
  const context: ShellContext = { session, history: History.open(undefined), ecsCliConfig: ecsCli.locations };
  try {
    let lesson: LessonRun;
    try {
      lesson = await openLesson(options.lesson, {
        runLine: (line) => runLine(line, context),
        ...(options.progressFile !== undefined ? { progressFile: options.progressFile } : {}),
      });
    } catch (error) {
      keys.release();
      return cannotOpen(error);
    }
    keys.handOver();
    return await runInteractiveShell({ context, settings: DEFAULT_SETTINGS, drivers: [new LessonDriver(lesson)] });
  } finally {
    keys.release();
    await session.close();
    ecsCli.remove();
  }
}

function cannotOpen(error: unknown): number {
  process.stderr.write(`ecsh: ${(error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ')}\n`);
  return 1;
}
