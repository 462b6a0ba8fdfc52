import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CastWriter, type DemoScript, type SandboxSpec } from '../../demo/index.js';
import { History } from '../history.js';
import { DEFAULT_SETTINGS } from '../settings.js';
import type { ShellContext } from '../shell-context.js';
import { DemoPlayer, type PlayMode } from './demo-player.js';
import { holdKeys } from './hold-keys.js';
import { OffscreenTerminal, silentInput } from './offscreen-terminal.js';
import { realClock, skippingClock } from './play-clock.js';
import { seededSession } from './seeded-session.js';
import { tapWrites } from './write-tap.js';

export interface PlayOnScreenOptions {
  script: DemoScript;
  mode: PlayMode;
  /** Multiplies the typing speed. */
  speed?: number;
  /** Where to save an asciicast of the screen, markers and all. */
  castFile?: string;
  /** Draw into an off-screen terminal of this size (no TTY needed): `ecsh demo cast`. */
  headless?: { columns: number; rows: number };
}

/**
 * A demo played on the shell's own screen, on a fresh ephemeral sandbox seeded from the
 * script (in its region): the prompt, the completion menu and the panes live, as in the
 * shell. Resolves to 0 when every step did what the script says (or the presenter left), 1
 * otherwise.
 */
export async function playDemoOnScreen(options: PlayOnScreenOptions): Promise<number> {
  const { script, mode, headless } = options;
  if (mode === 'present' && headless) throw new Error('present mode waits for key presses, and an off-screen play has nobody to press them: use auto');
  if (mode === 'present' && !process.stdin.isTTY) {
    process.stderr.write('ecsh: present mode needs a terminal to press keys in; use --mode auto (or verify)\n');
    return 1;
  }
  const keys = headless ? undefined : holdKeys();
  // Loaded once the keys are held: the screen (Ink) and ecs-cli (the SDK) take a while.
  const [{ runInteractiveShell }, { privateConfigLocations }] = await Promise.all([import('../render-shell.js'), import('../../commands/ecs-cli/index.js')]).catch((error: unknown) => {
    keys?.release();
    throw error;
  });
  const sandbox: SandboxSpec = script.sandbox ?? { seed: 1, speed: 1 };
  const session = seededSession(sandbox);
  // The demo's `ecs-cli configure` writes its own files, never the user's.
  const ecsCli = privateConfigLocations();
  const context: ShellContext = { session, history: History.open(undefined), cwd: dirname(script.file), ecsCliConfig: ecsCli.locations };
  const clock = headless ? skippingClock() : realClock;
  const size = headless ?? { columns: process.stdout.columns || 80, rows: process.stdout.rows || 24 };
  const cast = options.castFile ? new CastWriter({ width: size.columns, height: size.rows, title: script.title ?? script.name, now: clock.now }) : undefined;
  const record = (data: string) => cast?.output(data);
  const offscreen = headless ? new OffscreenTerminal(headless, record) : undefined;
  const untap = cast && !offscreen ? tapWrites(process.stdout, record) : undefined;

  let result = { ok: true, stopped: false };
  try {
    const backend = await session.backend();
    const player = new DemoPlayer({
      script,
      mode,
      ...(options.speed !== undefined ? { speed: options.speed } : {}),
      sandboxSpeed: sandbox.speed,
      env: backend.endpoints ? { ECSH_ENDPOINT: backend.endpoints } : {},
      clock,
      onMarker: (name) => cast?.marker(name),
      onEnd: (ended) => (result = ended),
      exitAtEnd: true,
    });
    keys?.handOver();
    const status = await runInteractiveShell({
      context,
      settings: DEFAULT_SETTINGS,
      drivers: [player],
      ...(offscreen ? { stdout: offscreen as unknown as NodeJS.WriteStream, stdin: silentInput(), offscreen: true } : {}),
    });
    if (status !== 0) return status;
  } finally {
    untap?.();
    keys?.release();
    await session.close();
    ecsCli.remove();
  }
  if (cast && options.castFile) writeFileSync(options.castFile, cast.text());
  return result.ok ? 0 : 1;
}
