import { describe, expect, it } from 'vitest';
import { LogBook, MAX_LOG_LINES } from '../../../source/sim/runtime/log-book.js';

describe('a container log book', () => {
  it('keeps the last lines of a busy container, oldest first, whenever it is read', () => {
    const book = new LogBook();
    for (let i = 1; i <= 2.5 * MAX_LOG_LINES; i++) {
      book.append('task/a', 'web', `line ${i}`);
      if (i === MAX_LOG_LINES + 1 || i === 2 * MAX_LOG_LINES - 1) {
        const lines = book.lines('task/a', 'web');
        expect([lines.length, lines[0], lines.at(-1)]).toEqual([MAX_LOG_LINES, `line ${i - MAX_LOG_LINES + 1}`, `line ${i}`]);
      }
    }
    const lines = book.lines('task/a', 'web');
    expect([lines.length, lines[0], lines.at(-1)]).toEqual([MAX_LOG_LINES, `line ${1.5 * MAX_LOG_LINES + 1}`, `line ${2.5 * MAX_LOG_LINES}`]);
    expect(book.lines('task/a', 'other')).toEqual([]);
  });

  it('tells followers each new line until they stop following', () => {
    const book = new LogBook();
    const heard: string[] = [];
    const stop = book.follow('task/a', 'web', (line) => heard.push(line));
    book.append('task/a', 'web', 'one');
    book.append('task/a', 'side', 'not mine');
    stop();
    book.append('task/a', 'web', 'two');
    expect(heard).toEqual(['one']);
  });
});
