import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';

const HOME = '\u001B[H';
const ERASE_LINE_END = '\u001B[K';
const ERASE_BELOW = '\u001B[J';
const HIDE_CURSOR = '\u001B[?25l';
const CLEAR_SCREEN = '\u001B[2J';

/**
 * A terminal of a given size that nobody looks at: the screen is drawn into it (Ink in
 * debug mode writes each frame whole, whether or not CI is set), and each frame is handed on
 * as what would paint it on a real terminal of that size, for a cast.
 */
export class OffscreenTerminal extends EventEmitter {
  readonly isTTY = false;
  private painted = false;

  constructor(
    readonly size: { columns: number; rows: number },
    private readonly onPaint: (data: string) => void,
  ) {
    super();
  }

  get columns(): number {
    return this.size.columns;
  }

  get rows(): number {
    return this.size.rows;
  }

  write(frame: string | Uint8Array): boolean {
    const text = typeof frame === 'string' ? frame : Buffer.from(frame).toString('utf8');
    const lines = text.replace(/\n$/, '').split('\n').slice(0, this.size.rows);
    const start = this.painted ? HOME : `${HIDE_CURSOR}${CLEAR_SCREEN}${HOME}`;
    this.painted = true;
    this.onPaint(`${start}${lines.map((line) => `${line}${ERASE_LINE_END}`).join('\r\n')}${ERASE_BELOW}`);
    return true;
  }
}

/** Input for a screen nobody types into. */
export function silentInput(): NodeJS.ReadStream {
  return Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
}
