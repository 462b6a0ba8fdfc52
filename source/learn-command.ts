import { createInterface, type Interface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { lessonSandbox, listLessons, loadLesson, openLesson, restartProgress, type LessonFeedback, type LessonRun } from './demo/index.js';
import { History, runLine, Session, startLessonShell, type ShellContext } from './shell/index.js';

const USAGE = `usage: ecsh learn                     the lessons, with how far you got in each
       ecsh learn NAME [--restart]    take a lesson (where you left it, unless --restart)

A lesson runs on a fresh sandbox of its own, with an ecs-cli configuration of its own (yours
is neither read nor changed): it tells what to do, you type it (Tab completes), and it checks
what the sandbox holds afterwards, with a hint after a wrong try and the answer after two.
Progress is kept in ecsh's config dir. Without a terminal, lines are read from stdin.`;

/** Where `ecsh learn` reads and writes: the terminal, or a test's streams. */
export interface LearnIo {
  stdin: Readable & { isTTY?: boolean };
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** `ecsh learn [NAME] [--restart]`; resolves to the exit status (2 for a usage error). */
export async function learnCommand(args: string[], io: LearnIo = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { restart: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    return usageError(io, (error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) return usageError(io, `learn takes one lesson at a time, got '${positionals.join(' ')}'`);
  const [name] = positionals;
  if (name === undefined) {
    if (values.restart) return usageError(io, '--restart needs the lesson to start again: ecsh learn NAME --restart');
    return list(io);
  }
  try {
    // Found and readable before anything starts: an unknown name is one line naming the lessons.
    const script = loadLesson(name);
    if (values.restart) restartProgress(script.name);
  } catch (error) {
    io.stderr.write(`ecsh: ${oneLine(error)}\n`);
    return 1;
  }
  if (io.stdin.isTTY === true) return startLessonShell({ lesson: name });
  return lineLoop(name, io);
}

function list(io: LearnIo): number {
  const lessons = listLessons();
  if (lessons.length === 0) {
    io.stdout.write('no lessons found\n');
    return 0;
  }
  const rows = lessons.map((lesson) => ({ name: lesson.name, progress: progressText(lesson.completed, lesson.steps), title: lesson.title }));
  const nameWidth = Math.max(...rows.map((row) => row.name.length));
  const progressWidth = Math.max(...rows.map((row) => row.progress.length));
  for (const row of rows) io.stdout.write(`${row.name.padEnd(nameWidth)}  ${row.progress.padEnd(progressWidth)}  ${row.title}\n`);
  io.stdout.write('ecsh learn NAME takes one.\n');
  return 0;
}

function progressText(completed: number, steps: number): string {
  if (steps > 0 && completed >= steps) return 'done';
  return completed === 0 ? 'not started' : `${completed}/${steps} steps`;
}

/**
 * A lesson without a terminal: its narration, then each line of stdin run on the lesson's
 * sandbox, its output, and what the lesson says of it, until the lesson is done (status 0) or
 * stdin ends first (status 1).
 */
async function lineLoop(name: string, io: LearnIo): Promise<number> {
  const session = new Session({ backend: 'sandbox', ephemeral: true, ...lessonSandbox(name) });
  // The lesson's `ecs-cli configure` and `up` never read or change the learner's own configuration.
  const { privateConfigLocations } = await import('./commands/ecs-cli/index.js');
  const ecsCli = privateConfigLocations();
  const context: ShellContext = { session, history: History.open(undefined), ecsCliConfig: ecsCli.locations };
  let lines: Interface | undefined;
  try {
    let lesson: LessonRun;
    try {
      lesson = await openLesson(name, { runLine: (line) => runLine(line, context) });
    } catch (error) {
      io.stderr.write(`ecsh: ${oneLine(error)}\n`);
      return 1;
    }
    show(lesson.current(), io);
    // Read from here on, not before: lines (and the end of stdin) that came while the lesson
    // was opening wait in the stream rather than pass by a reader nobody iterates yet.
    lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (lesson.done) break;
      if (line.trim() === '') continue;
      io.stdout.write(`$ ${line.trim()}\n`);
      const outcome = await runLine(line, context);
      if (outcome.output) io.stdout.write(outcome.output.endsWith('\n') ? outcome.output : `${outcome.output}\n`);
      if (outcome.error) io.stderr.write(`ecsh: ${outcome.error}\n`);
      if (outcome.exit) break;
      show(await lesson.afterLine(line.trim(), outcome), io);
      if (lesson.done) break;
    }
    if (lesson.done) return 0;
    io.stderr.write(`ecsh: the lesson ${lesson.name} is not finished; ecsh learn ${lesson.name} goes on where you are\n`);
    return 1;
  } finally {
    lines?.close();
    await session.close();
    ecsCli.remove();
  }
}

/** What the lesson says, as plain lines: as worded (hints and answers carry their label), a step done marked ✓. */
function show(feedback: readonly LessonFeedback[], io: LearnIo): void {
  for (const item of feedback) {
    switch (item.kind) {
      case 'success':
      case 'done':
        io.stdout.write(`✓ ${item.text}\n`);
        break;
      case 'error':
        io.stderr.write(`ecsh: ${item.text}\n`);
        break;
      default:
        io.stdout.write(`${item.text}\n`);
    }
  }
}

function usageError(io: LearnIo, message: string): number {
  io.stderr.write(`ecsh: ${message}\n${USAGE.split('\n')[0]}\n(ecsh learn --help for more)\n`);
  return 2;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
}
