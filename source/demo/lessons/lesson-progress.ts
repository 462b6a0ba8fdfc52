import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { configDir } from '../../config/index.js';

/** How far a learner got in one lesson. */
export interface LessonProgress {
  /** Steps the learner has done (hidden set-up steps not counted). */
  completed: number;
  /** The lesson was finished at least once. */
  done: boolean;
}

interface ProgressFile {
  version: 1;
  lessons: Record<string, LessonProgress>;
}

/** Where progress is kept unless told otherwise: lessons.json in ecsh's config dir. */
export function defaultProgressFile(): string {
  return join(configDir(), 'lessons.json');
}

/**
 * Every lesson's progress in `file`. A missing file is no progress yet; an unreadable or
 * mangled one is treated the same, so that a bad file never keeps anyone from learning (the
 * next save replaces it).
 */
export function readProgress(file: string = defaultProgressFile()): Record<string, LessonProgress> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed = JSON.parse(text) as Partial<ProgressFile> | null;
    const lessons = parsed && typeof parsed === 'object' && parsed.lessons && typeof parsed.lessons === 'object' ? parsed.lessons : {};
    const kept: Record<string, LessonProgress> = {};
    for (const [name, entry] of Object.entries(lessons)) {
      const completed = Number((entry as Partial<LessonProgress>)?.completed);
      if (!Number.isInteger(completed) || completed < 0) continue;
      kept[name] = { completed, done: (entry as Partial<LessonProgress>).done === true };
    }
    return kept;
  } catch {
    return {};
  }
}

export function progressOf(name: string, file?: string): LessonProgress {
  return readProgress(file)[name] ?? { completed: 0, done: false };
}

/**
 * Records one lesson's progress, keeping the others': written to a temporary file that then
 * replaces the old one, so that a crash mid-write never leaves half a file. Mode 0600, as
 * every file ecsh keeps. Throws (with the path) when the file cannot be written.
 */
export function saveProgress(name: string, progress: LessonProgress, file: string = defaultProgressFile()): void {
  const lessons = { ...readProgress(file), [name]: progress };
  writeProgressFile(file, { version: 1, lessons });
}

/** Forgets a lesson's progress (`ecsh learn NAME --restart`), except that it was done once. */
export function restartProgress(name: string, file: string = defaultProgressFile()): void {
  const lessons = readProgress(file);
  if (!lessons[name]) return;
  saveProgress(name, { completed: 0, done: lessons[name].done }, file);
}

function writeProgressFile(file: string, content: ProgressFile): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
    // A file left by an older run may have a wider mode than the one asked for here.
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
  } catch (error) {
    throw new Error(`cannot save lesson progress to ${file}: ${(error as Error).message}`);
  }
}
