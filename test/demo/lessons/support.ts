import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lessonSandbox, openLesson, type LessonFeedback, type LessonRun } from '../../../source/demo/index.js';
import { runLine } from '../../../source/shell/run-line.js';
import { testShell, type TestShell } from '../../shell/support.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A short lesson of three steps on clusters alone: no instances, so it runs in moments. */
export const TWO_CLUSTERS = join(FIXTURES, 'two-clusters.demo');

export function temporaryProgressFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'ecsh-lessons-')), 'lessons.json');
}

/** A learner at a shell on a fresh sandbox with the lesson's seed and speed, taking the lesson. */
export interface Learner {
  shell: TestShell;
  lesson: LessonRun;
  /** Runs a line as the learner would, then tells the lesson: what it says back. */
  type(line: string): Promise<LessonFeedback[]>;
  close(): Promise<void>;
}

export async function startLearner(nameOrFile: string, progressFile: string): Promise<Learner> {
  const shell = testShell(lessonSandbox(nameOrFile));
  const run = (line: string) => runLine(line, shell.context);
  try {
    const lesson = await openLesson(nameOrFile, { runLine: run, progressFile });
    return {
      shell,
      lesson,
      type: async (line) => lesson.afterLine(line, await run(line)),
      close: () => shell.close(),
    };
  } catch (error) {
    await shell.close();
    throw error;
  }
}

export const kinds = (feedback: readonly LessonFeedback[]) => feedback.map((item) => item.kind);
