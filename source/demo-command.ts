import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listDemos, loadDemoScript, verifyDemo, type DemoScript, type StepOutcome, type VerifyEvent } from './demo/index.js';
import { History, playDemoOnScreen, runLine, Session, type ShellContext } from './shell/index.js';

const USAGE = `usage: ecsh demo list                            the demos, with their titles
       ecsh demo play NAME|FILE [--mode present|auto|verify] [--speed N] [--cast FILE]
       ecsh demo cast NAME|FILE [--out FILE]       render a demo to an asciicast (default NAME.cast here)

modes: present (the default: a key types the next characters, Enter runs the step),
       auto (typed and run unattended), verify (headless, no delays: every wait-for and
       expect is an assertion; the exit status says whether the demo still works)`;

/** The terminal a cast is rendered for. */
const CAST_SIZE = { columns: 100, rows: 30 };

/**
 * Real time given, after the sandbox's clock moves, to what the move set off on loopback
 * (a health check's request, Registrator telling Consul): the sandbox's own work is done by
 * then; the listeners' sockets answer within a few milliseconds.
 */
const SETTLE_MS = 40;

/** Where `ecsh demo` writes its text: the terminal, or a test's buffers. */
export interface DemoIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** `ecsh demo ...`; resolves to the exit status (2 for a usage error). */
export async function demoCommand(args: string[], io: DemoIo = process): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === undefined) return usageError(io, 'demo needs a command: list, play or cast');
  if (verb === '--help' || verb === '-h' || verb === 'help') return help(io);
  switch (verb) {
    case 'list':
      return rest.length > 0 ? usageError(io, `demo list takes nothing after it, got '${rest.join(' ')}'`) : list(io);
    case 'play':
      return play(rest, io);
    case 'cast':
      return cast(rest, io);
    default:
      return usageError(io, `no demo command '${verb}': list, play or cast`);
  }
}

function list(io: DemoIo): number {
  const demos = listDemos();
  if (demos.length === 0) {
    io.stdout.write('no demos found\n');
    return 0;
  }
  const width = Math.max(...demos.map((demo) => demo.name.length));
  for (const demo of demos) io.stdout.write(`${demo.name.padEnd(width)}  ${demo.title}\n`.replace(/\s+\n$/, '\n'));
  return 0;
}

async function play(args: string[], io: DemoIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { mode: { type: 'string' }, speed: { type: 'string' }, cast: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, oneLine(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return help(io);
  if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'demo play needs a demo: a NAME from ecsh demo list, or a FILE' : `demo play takes one demo, got '${positionals.join(' ')}'`);
  const mode = values.mode ?? 'present';
  if (mode !== 'present' && mode !== 'auto' && mode !== 'verify') return usageError(io, `--mode must be present, auto or verify, got '${mode}'`);
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  if (speed !== undefined && !(speed > 0)) return usageError(io, `--speed must be a positive number, got '${values.speed}'`);
  if (mode === 'verify' && speed !== undefined) return usageError(io, '--speed is for present and auto: verify runs with no delays');
  if (mode === 'verify' && values.cast !== undefined) return usageError(io, '--cast is for present and auto: verify draws no screen (ecsh demo cast renders one)');
  const script = load(positionals[0]!, io);
  if (!script) return 1;
  if (mode === 'verify') return verify(script, io);
  return playDemoOnScreen({ script, mode, ...(speed !== undefined ? { speed } : {}), ...(values.cast !== undefined ? { castFile: resolve(values.cast) } : {}) });
}

async function cast(args: string[], io: DemoIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    return usageError(io, oneLine(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return help(io);
  if (positionals.length !== 1) return usageError(io, positionals.length === 0 ? 'demo cast needs a demo: a NAME from ecsh demo list, or a FILE' : `demo cast takes one demo, got '${positionals.join(' ')}'`);
  const script = load(positionals[0]!, io);
  if (!script) return 1;
  const castFile = resolve(values.out ?? `${script.name}.cast`);
  const status = await playDemoOnScreen({ script, mode: 'auto', castFile, headless: CAST_SIZE });
  if (status === 0) io.stdout.write(`wrote ${shownPath(castFile)}\n`);
  return status;
}

function load(nameOrFile: string, io: DemoIo): DemoScript | undefined {
  try {
    return loadDemoScript(nameOrFile);
  } catch (error) {
    io.stderr.write(`ecsh: ${oneLine(error)}\n`);
    return undefined;
  }
}

/**
 * Verify mode: the script on a fresh in-process sandbox with its seed and a manual clock, each
 * step printed as a transcript (`$ COMMAND`, its output, narration as `# ...`), which is the
 * same on every run. Steps run with the script's folder as the working directory, so that
 * `file://` paths in it are the demo's own files.
 */
async function verify(script: DemoScript, io: DemoIo): Promise<number> {
  const runner = await headlessRunner(script);
  try {
    const result = await verifyDemo(script, { runLine: runner.runLine, advance: runner.advance, env: runner.env, onEvent: (event) => printEvent(event, io) });
    if (!result.ok) {
      const { step, reason, output } = result.failed!;
      io.stderr.write(`step at ${shownPath(script.file)}:${step.line} failed: ${reason}\n`);
      if (output.trim() !== '') io.stderr.write(output.endsWith('\n') ? output : `${output}\n`);
      return 1;
    }
    const skipped = result.skipped > 0 ? ` (${result.skipped} skipped, as noted)` : '';
    io.stdout.write(`verified: ${result.verified} steps${skipped}\n`);
    return 0;
  } finally {
    await runner.close();
  }
}

interface HeadlessRunner {
  runLine(line: string): Promise<StepOutcome>;
  advance(ms: number): Promise<void>;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Lines run as the shell runs them, on an ephemeral seeded sandbox (in the script's region) whose clock moves only when
 * the verifier (or an ecs-cli verb waiting for something) moves it. ecs-cli keeps its
 * configuration in a folder of its own for the run, so a demo's `configure` never changes the
 * user's.
 */
async function headlessRunner(script: DemoScript): Promise<HeadlessRunner> {
  const region = script.sandbox?.region;
  const session = new Session({ backend: 'sandbox', ephemeral: true, seed: script.sandbox?.seed ?? 1, manualClock: true, ...(region !== undefined ? { region } : {}) });
  const context: ShellContext = { session, history: History.open(undefined), cwd: dirname(script.file) };
  let backend;
  let now: number;
  try {
    backend = await session.backend();
    now = ((await (await fetch(`${backend.endpoints}/_ecsh/clock`)).json()) as { now: number }).now;
  } catch (error) {
    await session.close();
    throw error;
  }
  const endpoint = backend.endpoints!;
  // Loaded here, not with the module: ecs-cli brings the SDK, which `demo list` and `demo play` do without.
  const { privateConfigLocations } = await import('./commands/ecs-cli/index.js');
  const ecsCli = privateConfigLocations();

  const advance = async (ms: number) => {
    const response = await fetch(`${endpoint}/_ecsh/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }) });
    now = ((await response.json()) as { now: number }).now;
    await new Promise((done) => setTimeout(done, SETTLE_MS));
  };
  // ecs-cli's waits (instances registering, services settling) pass on the sandbox's clock.
  context.ecsCliClock = { now: () => now, sleep: (ms) => advance(ms) };
  context.ecsCliConfig = ecsCli.locations;

  return {
    env: { ECSH_ENDPOINT: endpoint },
    advance,
    runLine: async (line) => {
      const outcome = await runLine(line, context);
      return outcome.ok ? { ok: true, output: outcome.output } : { ok: false, output: outcome.output, error: outcome.error };
    },
    close: async () => {
      await session.close();
      ecsCli.remove();
    },
  };
}

function printEvent(event: VerifyEvent, io: DemoIo): void {
  const out = (text: string) => io.stdout.write(text);
  switch (event.type) {
    case 'say':
      out(event.text === '' ? '#\n' : `# ${event.text}\n`);
      return;
    case 'skipped':
      out(`$ ${event.step.command}\n# ${event.note}\n`);
      return;
    case 'step':
      out(`$ ${event.step.command}${event.step.hidden ? '    ## hidden' : ''}\n`);
      return;
    case 'outcome': {
      const { output, error } = event.outcome;
      if (output !== '') out(output.endsWith('\n') ? output : `${output}\n`);
      if (error) out(`error: ${error}\n`);
      return;
    }
  }
}

function help(io: DemoIo): number {
  io.stdout.write(`${USAGE}\n`);
  return 0;
}

function usageError(io: DemoIo, message: string): number {
  io.stderr.write(`ecsh demo: ${message}\n${USAGE}\n`);
  return 2;
}

/** A path as the user would type it: relative to here when it is below here. */
function shownPath(file: string): string {
  const path = relative(process.cwd(), file);
  return path !== '' && !path.startsWith('..') && !isAbsolute(path) ? path : file;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
}
