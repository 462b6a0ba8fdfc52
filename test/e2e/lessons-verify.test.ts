import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonLine, lessonSandbox, listLessons, loadLesson, outcomeText, verifyDemo, type VerifyEvent } from '../../source/demo/index.js';
import { History, runLine, Session } from '../../source/shell/index.js';

/**
 * Every shipped lesson, verified as CI verifies demos: on a fresh sandbox with the lesson's
 * seed and speed, each step's answer runs (hidden set-up too) and must leave the state its
 * checks accept; a step that waits for the sandbox runs again as its time moves on.
 */
const names = listLessons().map((lesson) => lesson.name);
let previousConfigDir: string | undefined;

beforeAll(() => {
  // ecs-cli keeps its configuration in ecsh's config dir: a throw-away one here.
  previousConfigDir = process.env.ECSH_CONFIG_DIR;
  process.env.ECSH_CONFIG_DIR = mkdtempSync(join(tmpdir(), 'ecsh-lessons-verify-'));
});
afterAll(() => {
  if (previousConfigDir === undefined) delete process.env.ECSH_CONFIG_DIR;
  else process.env.ECSH_CONFIG_DIR = previousConfigDir;
});

describe('the shipped lessons', () => {
  it('are at least the five of issue 8, each readable as a lesson', () => {
    expect(names).toEqual(expect.arrayContaining(['first-cluster', 'services', 'placement', 'deployments', 'load-balancers', 'service-discovery']));
    for (const lesson of listLessons()) expect(lesson.steps, `${lesson.name}: ${lesson.title}`).toBeGreaterThan(0);
  });

  it.each(names)('%s: every answer leaves the state its checks accept', { timeout: 60_000 }, async (name) => {
    const script = loadLesson(name);
    const { seed, speed } = lessonSandbox(name);
    const session = new Session({ backend: 'sandbox', ephemeral: true, seed, speed });
    const context = { session, history: History.open(undefined) };
    const transcript: string[] = [];
    const onEvent = (event: VerifyEvent) => {
      if (event.type === 'step') transcript.push(`$ ${event.step.command}`);
      if (event.type === 'outcome') transcript.push(outcomeText(event.outcome).trimEnd(), `(${event.attempts} runs)`);
    };
    try {
      const run = (line: string) => runLine(line, context);
      const result = await verifyDemo(script, {
        runLine: run,
        // As the lesson runs a step itself: its answer from where the sandbox is (a task id is this run's).
        lineFor: (step) => lessonLine(step, run),
        // The sandbox runs `speed` times faster than the wall clock.
        advance: (ms) => new Promise((resolve) => setTimeout(resolve, ms / speed)),
        onEvent,
      });
      expect(result.failed ? `line ${result.failed.step.line}: ${result.failed.reason}\n${transcript.join('\n')}` : 'ok').toBe('ok');
      expect(result.verified).toBe(script.steps.length - result.skipped);
    } finally {
      await session.close();
    }
  });
});
