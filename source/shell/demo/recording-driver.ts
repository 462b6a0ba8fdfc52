import { writeFileSync } from 'node:fs';
import { CastWriter, recordingScript, type RecordedLine, type RecordedSession } from '../../demo/index.js';
import { redactSecrets } from '../redact-secrets.js';
import type { LineOutcome } from '../shell-context.js';
import type { DrivenScreen, ShellDriver } from './shell-driver.js';

export interface RecordingFiles {
  name: string;
  demoFile: string;
  castFile: string;
}

/** The commands about recordings and players, which a replay would not run. */
const NOT_RECORDED = /^\.(record|demo|learn)(\s|$)/;

/**
 * `.record start` ... `.record stop`: the lines run meanwhile, with what they printed (as
 * hints for the script's author), and the screen as the terminal got it. Credentials are
 * masked in both before anything is kept.
 */
export class RecordingDriver implements ShellDriver {
  readonly kind = 'recording';
  readonly startedAt = new Date();
  private readonly lines: RecordedLine[] = [];
  private screen: DrivenScreen | undefined;
  private cast: CastWriter | undefined;
  private untap: (() => void) | undefined;
  private saved = false;

  /** `session`: where the recording starts (region, seed), which the script's `# sandbox` line keeps. */
  constructor(
    readonly files: RecordingFiles,
    private readonly session: RecordedSession,
  ) {}

  start(screen: DrivenScreen): void {
    this.screen = screen;
    const { columns, rows } = screen.size();
    const cast = new CastWriter({ width: columns, height: rows, title: this.files.name, timestamp: this.startedAt.getTime() / 1000 });
    this.cast = cast;
    this.untap = screen.tapOutput((data) => cast.output(redactSecrets(data)));
    screen.setStatus(`recording ${this.files.name}`);
  }

  lineDone(line: string, outcome: LineOutcome): void {
    if (this.saved || NOT_RECORDED.test(line.trim())) return;
    this.lines.push({
      line: redactSecrets(line),
      ok: outcome.ok,
      output: redactSecrets(outcome.output),
      ...(outcome.error !== undefined ? { error: redactSecrets(outcome.error) } : {}),
    });
  }

  /** Writes NAME.demo and NAME.cast; throws with the reason when one cannot be written. */
  save(): RecordingFiles {
    if (!this.saved) {
      this.saved = true;
      this.untap?.();
      this.screen?.finish();
      const script = recordingScript(this.lines, { name: this.files.name, startedAt: this.startedAt, session: this.session });
      writeFileSync(this.files.demoFile, script);
      writeFileSync(this.files.castFile, this.cast!.text());
    }
    return this.files;
  }

  /** The shell is leaving while recording: what was recorded is kept all the same. */
  stop(): void {
    try {
      this.save();
    } catch {
      // Nowhere left to say it: the shell is gone. `.record stop` reports this case.
    }
  }

  get commandCount(): number {
    return this.lines.length;
  }
}
