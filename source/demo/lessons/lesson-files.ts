import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demosDirectory, loadDemoScript } from '../demo-files.js';
import type { DemoScript, SandboxSpec } from '../script-types.js';
import { readProgress } from './lesson-progress.js';

/** The shipped lessons: demos/lessons/ in the package, from source/ and dist/ alike. */
export function lessonsDirectory(): string {
  return join(demosDirectory(), 'lessons');
}

/** The names of the shipped lessons, sorted. */
export function lessonNames(): string[] {
  try {
    return readdirSync(lessonsDirectory())
      .filter((entry) => entry.endsWith('.demo'))
      .map((entry) => entry.slice(0, -'.demo'.length))
      .sort();
  } catch {
    return [];
  }
}

/**
 * A lesson by name (demos/lessons/NAME.demo) or by path (anything with a slash or ending in
 * .demo), parsed and checked for what a lesson needs beyond a demo: a sandbox of its own and a
 * `# check` on every step the learner takes (a lesson judges state, never the text typed).
 * Throws "FILE:LINE: what is wrong", or, for an unknown name, one line naming the lessons.
 */
export function loadLesson(nameOrFile: string): DemoScript {
  const script = loadDemoScript(lessonFile(nameOrFile));
  const problem = lessonProblem(script);
  if (problem) throw new Error(problem);
  return script;
}

/** The sandbox a lesson runs on (`# sandbox seed=N speed=X`): start the session with it before openLesson. */
export function lessonSandbox(nameOrFile: string): SandboxSpec {
  return loadLesson(nameOrFile).sandbox!;
}

/** The steps the learner takes (hidden steps are set-up the lesson runs itself). */
export function learnerSteps(script: DemoScript) {
  return script.steps.filter((step) => !step.hidden);
}

export interface LessonListing {
  name: string;
  title: string;
  /** Steps the learner takes. */
  steps: number;
  /** Of those, how many are done (all of them once the lesson was finished). */
  completed: number;
}

/** The shipped lessons with the learner's progress; one that cannot be read says why in its title. */
export function listLessons(progressFile?: string): LessonListing[] {
  const progress = readProgress(progressFile);
  return lessonNames().map((name) => {
    try {
      const script = loadLesson(name);
      const steps = learnerSteps(script).length;
      const entry = progress[name] ?? { completed: 0, done: false };
      return { name, title: script.title ?? name, steps, completed: entry.done ? steps : Math.min(entry.completed, steps) };
    } catch (error) {
      return { name, title: `cannot be read: ${(error as Error).message}`, steps: 0, completed: 0 };
    }
  });
}

function lessonFile(nameOrFile: string): string {
  if (/[\\/]/.test(nameOrFile) || nameOrFile.endsWith('.demo')) {
    const file = resolve(nameOrFile);
    if (!existsSync(file)) throw new Error(`no lesson file ${nameOrFile}; give the path of a .demo lesson, or a name from ecsh learn`);
    return file;
  }
  const file = join(lessonsDirectory(), `${nameOrFile}.demo`);
  if (!/^[\w.-]+$/.test(nameOrFile) || !existsSync(file)) {
    const known = lessonNames();
    throw new Error(`no lesson ${nameOrFile}; the lessons are ${known.length > 0 ? known.join(', ') : '(none installed)'}`);
  }
  return file;
}

function lessonProblem(script: DemoScript): string | undefined {
  if (!script.sandbox) return `${script.file}:1: a lesson starts with # sandbox seed=N speed=X: it runs on a fresh sandbox of its own`;
  const steps = learnerSteps(script);
  if (steps.length === 0) return `${script.file}:1: a lesson needs at least one step the learner takes (a command outside # hidden)`;
  const unchecked = steps.find((step) => step.checks.length === 0);
  if (unchecked) return `${script.file}:${unchecked.line}: a lesson step needs a # check after it: the state its answer leaves, which the learner's try must leave too`;
  return undefined;
}
