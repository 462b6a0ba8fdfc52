import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { listDemos, listLessons, loadDemoScript, openLesson, type RecordedSession } from '../../demo/index.js';
import { runLine } from '../run-line.js';
import { failure, info, NOTHING, type LineOutcome, type ShellContext } from '../shell-context.js';
import { DemoPlayer } from './demo-player.js';
import { LessonDriver } from './lesson-driver.js';
import { RecordingDriver, type RecordingFiles } from './recording-driver.js';
import { seedOf } from './seeded-session.js';
import type { ScreenDrivers } from './shell-driver.js';

type ScreenCommand = (args: string[], context: ShellContext) => Promise<LineOutcome> | LineOutcome;

/** `.demo`, `.learn` and `.record`: players, lessons and recordings on the shell's screen. */
export const SCREEN_COMMANDS: Record<'.demo' | '.learn' | '.record', ScreenCommand> = {
  '.demo': (args, context) => {
    const [verb, ...rest] = args;
    if (verb === 'list' && rest.length === 0) return demoList();
    const screen = needScreen('.demo', context);
    if (typeof screen === 'string') return failure(screen);
    const player = screen.find('demo') as DemoPlayer | undefined;
    if (verb === undefined) return info(player ? player.describe() : 'no demo is playing; .demo play NAME plays one (.demo list names them)');
    if (verb === 'play' && rest.length === 1) return play(rest[0]!, player, screen, context);
    if ((verb === 'resume' || verb === 'stop') && rest.length === 0) {
      if (!player) return failure(`no demo is playing, so nothing to ${verb}; .demo play NAME plays one`);
      if (verb === 'resume') return info(player.resume());
      player.stop();
      return info(`stopped ${player.script.name}`);
    }
    return failure(`usage: .demo [play NAME|FILE | resume | stop | list]; got '.demo ${args.join(' ')}'`);
  },

  '.learn': async (args, context) => {
    const screen = needScreen('.learn', context);
    if (typeof screen === 'string') return failure(screen);
    const lesson = screen.find('lesson') as LessonDriver | undefined;
    const [word, ...rest] = args;
    if (rest.length > 0) return failure(`usage: .learn [NAME | stop]; got '.learn ${args.join(' ')}'`);
    if (word === undefined) {
      if (!lesson) return lessonList();
      lesson.repeat();
      return NOTHING;
    }
    if (word === 'stop') {
      if (!lesson) return failure('no lesson is running; .learn NAME starts one');
      lesson.leave();
      return info(`left the lesson ${lesson.lesson.name}; .learn ${lesson.lesson.name} takes it again where you were`);
    }
    if (lesson) return failure(`the lesson ${lesson.lesson.name} is running: .learn stop leaves it first`);
    // A lesson's set-up runs unseen (instances launched, services made): never on an AWS account.
    if (context.session.state.kind !== 'sandbox') return failure(`a lesson runs on a sandbox, and this session is on AWS: .backend sandbox first, or ecsh learn ${word} on a fresh sandbox of its own`);
    const run = await openLesson(word, { runLine: (line) => runLine(line, context) });
    screen.add(new LessonDriver(run));
    return info(`lesson ${run.name}: ${run.title} (.learn repeats the step, .learn stop leaves)`);
  },

  '.record': (args, context) => {
    const screen = needScreen('.record', context);
    if (typeof screen === 'string') return failure(screen);
    const recording = screen.find('recording') as RecordingDriver | undefined;
    const [verb, ...rest] = args;
    if (verb === undefined) {
      return info(recording ? `recording ${recording.files.name}: ${recording.commandCount} commands so far; .record stop saves it` : 'not recording; .record start [NAME] starts');
    }
    if (verb === 'start' && rest.length <= 1) {
      if (recording) return failure(`already recording ${recording.files.name}: .record stop saves it first`);
      const files = recordingFiles(rest[0], context.cwd ?? process.cwd());
      if (typeof files === 'string') return failure(files);
      screen.add(new RecordingDriver(files, recordedSession(context)));
      return info(`recording ${files.name}: what you run and the screen; .record stop saves them`);
    }
    if (verb === 'stop' && rest.length === 0) {
      if (!recording) return failure('not recording; .record start [NAME] starts');
      try {
        const saved = recording.save();
        return info(`saved ${recording.commandCount} commands to ${saved.demoFile} and the screen to ${saved.castFile}`);
      } catch (error) {
        return failure(`cannot save the recording: ${(error as Error).message}`);
      }
    }
    return failure(`usage: .record [start [NAME] | stop]; got '.record ${args.join(' ')}'`);
  },
};

/** Where a recording starts: the session's region now, and its sandbox's seed if ecsh started it with one. */
function recordedSession(context: ShellContext): RecordedSession {
  const { kind, region } = context.session.state;
  const seeded = kind === 'sandbox' ? seedOf(context.session) : undefined;
  return { kind, region: region ?? 'us-east-1', ...seeded };
}

function needScreen(command: string, context: ShellContext): ScreenDrivers | string {
  return context.screen ?? `${command} needs a terminal: it is part of the interactive shell`;
}

async function play(name: string, playing: DemoPlayer | undefined, screen: ScreenDrivers, context: ShellContext): Promise<LineOutcome> {
  if (playing) return failure(`${playing.script.name} is playing: .demo stop ends it first`);
  const script = loadDemoScript(name);
  const backend = await context.session.backend();
  const env: Record<string, string> = backend.endpoints ? { ECSH_ENDPOINT: backend.endpoints } : {};
  screen.add(new DemoPlayer({ script, mode: 'present', env, directory: dirname(script.file) }));
  return info(`playing ${script.name} here, on this session's backend`);
}

function demoList(): LineOutcome {
  const listed = listDemos();
  if (listed.length === 0) return info('no demos found');
  const width = Math.max(...listed.map((demo) => demo.name.length));
  return info(listed.map((demo) => `${demo.name.padEnd(width)}  ${demo.title}`.trimEnd()).join('\n'));
}

function lessonList(): LineOutcome {
  const listed = listLessons();
  if (listed.length === 0) return info('no lessons found');
  const width = Math.max(...listed.map((lesson) => lesson.name.length));
  return info(`no lesson is running; .learn NAME starts one:\n${listed.map((lesson) => `  ${lesson.name.padEnd(width)}  ${lesson.title}`.trimEnd()).join('\n')}`);
}

/**
 * Where `.record start [NAME]` writes: NAME.demo and NAME.cast in the current directory, or
 * where NAME's path says. Without a name, one from the time (recording-20261125-0730), with
 * a number added rather than overwriting an earlier recording; a name given is never
 * overwritten either.
 */
export function recordingFiles(name: string | undefined, cwd: string, now = new Date()): RecordingFiles | string {
  const files = (base: string): RecordingFiles => {
    const path = resolve(cwd, base.replace(/\.(demo|cast)$/, ''));
    return { name: basename(path), demoFile: `${path}.demo`, castFile: `${path}.cast` };
  };
  const taken = (candidate: RecordingFiles) => existsSync(candidate.demoFile) || existsSync(candidate.castFile);
  if (name !== undefined) {
    const chosen = files(name);
    if (!existsSync(dirname(chosen.demoFile))) return `no directory ${dirname(chosen.demoFile)} to record into`;
    return taken(chosen) ? `${chosen.demoFile} or ${chosen.castFile} exists already: give another name` : chosen;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `recording-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  let candidate = files(stamp);
  for (let n = 2; taken(candidate); n++) candidate = files(`${stamp}-${n}`);
  return candidate;
}
