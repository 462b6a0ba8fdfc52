import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoScript } from '../../../source/demo/index.js';
import { playDemoOnScreen } from '../../../source/shell/index.js';

// asciinema 2 reads keys from /dev/tty even for cat: it runs in a pseudo-terminal (script) of its own.
const canCat = spawnSync('asciinema', ['--version']).status === 0 && spawnSync('script', ['--version']).status === 0;

type Event = [number, 'o' | 'm', string];

function castOf(file: string): { header: Record<string, unknown>; events: Event[] } {
  const [header, ...events] = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
  return { header, events };
}

describe('a demo rendered off screen into a cast (ecsh demo cast)', () => {
  it('plays the script unattended on a seeded sandbox and saves every frame, with its markers, in the terminal size given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-cast-'));
    writeFileSync(
      join(dir, 'tiny.demo'),
      ['## A tiny demo', '# sandbox seed=5 speed=1', '# say A cluster first.', 'ecs create-cluster --cluster-name tiny --query cluster.status', '# wait-for /ACTIVE/', '# marker the-list', 'ecs list-clusters --query clusterArns', '# say Done.', ''].join('\n'),
    );
    const castFile = join(dir, 'tiny.cast');
    const status = await playDemoOnScreen({ script: loadDemoScript(join(dir, 'tiny.demo')), mode: 'auto', castFile, headless: { columns: 90, rows: 28 } });
    expect(status).toBe(0);

    const { header, events } = castOf(castFile);
    expect(header).toMatchObject({ version: 2, width: 90, height: 28, title: 'A tiny demo', idle_time_limit: 2 });
    const times = events.map(([time]) => time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.filter(([, type]) => type === 'm')).toEqual([[expect.any(Number), 'm', 'the-list']]);
    const screen = events.filter(([, type]) => type === 'o').map(([, , data]) => data);
    expect(screen.some((data) => data.includes('A cluster first.'))).toBe(true);
    expect(screen.some((data) => data.includes('"ACTIVE"'))).toBe(true);
    expect(screen.some((data) => data.includes('cluster/tiny"'))).toBe(true);
    // The typing is at a person's pace in the cast, though rendering it did not wait for it.
    const marker = events.find(([, type]) => type === 'm')![0];
    expect(times.at(-1)! - marker).toBeGreaterThan(1);
    // Each frame paints the screen from the top, no row wider than the terminal.
    for (const data of screen) {
      for (const row of data.split('\r\n')) expect(row.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').length).toBeLessThanOrEqual(90);
    }

    if (canCat) {
      const result = spawnSync('script', ['-qec', `asciinema cat '${castFile}'`, '/dev/null'], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain('Done.');
    }
  });

  it('refuses present mode, which waits for keys nobody can press off screen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-cast-'));
    writeFileSync(join(dir, 'x.demo'), 'ecs list-clusters\n');
    await expect(playDemoOnScreen({ script: loadDemoScript(join(dir, 'x.demo')), mode: 'present', headless: { columns: 80, rows: 24 } })).rejects.toThrow(/use auto/);
  });
});
