import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CastWriter, type CastEvent } from '../../source/demo/index.js';

// asciinema 2 reads keys from /dev/tty even for cat: it runs in a pseudo-terminal (script) of its own.
const canCat = spawnSync('asciinema', ['--version']).status === 0 && spawnSync('script', ['--version']).status === 0;

/** `asciinema cat FILE`, as a person runs it in a terminal. */
function asciinemaCat(file: string) {
  return spawnSync('script', ['-qec', `asciinema cat '${file}'`, '/dev/null'], { encoding: 'utf8' });
}

/** A clock the test moves by hand, in ms. */
function handClock(start = 1000) {
  let now = start;
  return { now: () => now, to: (ms: number) => (now = ms), by: (ms: number) => (now += ms) };
}

function parse(text: string) {
  const [header, ...events] = text.trimEnd().split('\n');
  return { header: JSON.parse(header!), events: events.map((line) => JSON.parse(line) as CastEvent) };
}

describe('an asciicast v2 recording', () => {
  it('starts with a header naming the terminal size, the start, the title, the idle limit and the environment', () => {
    const cast = new CastWriter({ width: 100, height: 30, title: 'php-app', timestamp: 1_790_000_000.7, env: { SHELL: '/bin/bash', TERM: 'xterm-256color' } });
    const { header, events } = parse(cast.text());
    expect(header).toEqual({ version: 2, width: 100, height: 30, timestamp: 1_790_000_000, idle_time_limit: 2, title: 'php-app', env: { SHELL: '/bin/bash', TERM: 'xterm-256color' } });
    expect(events).toEqual([]);
  });

  it('writes output as "o" events and markers as "m" events, in seconds since the start', () => {
    const clock = handClock();
    const cast = new CastWriter({ width: 80, height: 24, now: clock.now });
    clock.by(250);
    cast.output('sandbox> ');
    clock.by(1500);
    cast.marker('scale-out');
    cast.output('ecs list-clusters\r\n');
    expect(parse(cast.text()).events).toEqual([
      [0.25, 'o', 'sandbox> '],
      [1.75, 'm', 'scale-out'],
      [1.75, 'o', 'ecs list-clusters\r\n'],
    ]);
  });

  it('keeps times monotonic when the clock it is given goes back', () => {
    const clock = handClock(5000);
    const cast = new CastWriter({ width: 80, height: 24, now: clock.now });
    clock.to(5400);
    cast.output('a');
    clock.to(5100);
    cast.output('b');
    clock.to(5600);
    cast.output('c');
    const times = parse(cast.text()).events.map(([time]) => time);
    expect(times).toEqual([0.4, 0.4, 0.6]);
  });

  it('cuts a gap longer than the idle limit down to the limit, and every later event with it', () => {
    const clock = handClock(0);
    const cast = new CastWriter({ width: 80, height: 24, idleTimeLimit: 1.5, now: clock.now });
    clock.to(500);
    cast.output('typed');
    clock.to(60_500);
    cast.output('a minute later');
    clock.to(61_000);
    cast.output('then half a second');
    const { header, events } = parse(cast.text());
    expect(header.idle_time_limit).toBe(1.5);
    expect(events.map(([time]) => time)).toEqual([0.5, 2, 2.5]);
  });

  it('keeps microseconds, as asciinema writes them', () => {
    const clock = handClock(0);
    const cast = new CastWriter({ width: 80, height: 24, now: clock.now });
    clock.to(1.2345678);
    cast.output('x');
    expect(parse(cast.text()).events[0]![0]).toBe(0.001235);
  });

  it('refuses a terminal without a size', () => {
    expect(() => new CastWriter({ width: 0, height: 24 })).toThrow(/terminal's size/);
  });

  it.skipIf(!canCat)('is read by asciinema cat, which prints the output', () => {
    const clock = handClock(0);
    const cast = new CastWriter({ width: 80, height: 24, title: 'check', now: clock.now });
    cast.output('hello from ecsh\r\n');
    clock.by(100);
    cast.marker('chapter');
    cast.output('\u001B[1mbold\u001B[0m\r\n');
    const file = join(mkdtempSync(join(tmpdir(), 'ecsh-cast-')), 'check.cast');
    writeFileSync(file, cast.text());
    const result = asciinemaCat(file);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('Traceback');
    expect(result.stdout).toContain('hello from ecsh');
    expect(result.stdout).toContain('bold');
  });
});
