import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultProgressFile, listLessons, restartProgress } from '../../../source/demo/index.js';
import { readProgress, saveProgress } from '../../../source/demo/lessons/lesson-progress.js';
import { temporaryProgressFile } from './support.js';

let configDir: string | undefined;
beforeEach(() => {
  configDir = process.env.ECSH_CONFIG_DIR;
});
afterEach(() => {
  if (configDir === undefined) delete process.env.ECSH_CONFIG_DIR;
  else process.env.ECSH_CONFIG_DIR = configDir;
});

describe('lesson progress', () => {
  it('is kept in lessons.json in ecsh’s config dir, one entry per lesson, written whole and private', () => {
    const file = temporaryProgressFile();
    process.env.ECSH_CONFIG_DIR = dirname(file);
    expect(defaultProgressFile()).toBe(file);
    saveProgress('services', { completed: 2, done: false });
    saveProgress('placement', { completed: 5, done: true });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      lessons: { services: { completed: 2, done: false }, placement: { completed: 5, done: true } },
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Only the file itself: the temporary one it was written through is gone.
    expect(readdirSync(dirname(file))).toEqual(['lessons.json']);
  });

  it('takes a mangled file as no progress, and replaces it on the next save', () => {
    const file = temporaryProgressFile();
    writeFileSync(file, '{"lessons": {"services": {"completed": "lots"}, "placement": {"completed": 1}}');
    expect(readProgress(file)).toEqual({});
    writeFileSync(file, '{"lessons": {"services": {"completed": -1}, "placement": {"completed": 1}}}');
    expect(readProgress(file)).toEqual({ placement: { completed: 1, done: false } });
    writeFileSync(file, 'not json at all');
    saveProgress('services', { completed: 1, done: false }, file);
    expect(readProgress(file)).toEqual({ services: { completed: 1, done: false } });
  });

  it('forgets the steps on a restart, but not that the lesson was done once', () => {
    const file = temporaryProgressFile();
    saveProgress('services', { completed: 6, done: true }, file);
    restartProgress('services', file);
    expect(readProgress(file).services).toEqual({ completed: 0, done: true });
    restartProgress('placement', file);
    expect(readProgress(file).placement).toBeUndefined();
  });

  it('says where it cannot be saved', () => {
    const file = temporaryProgressFile();
    writeFileSync(join(dirname(file), 'blocker'), '');
    expect(() => saveProgress('services', { completed: 1, done: false }, join(dirname(file), 'blocker', 'lessons.json'))).toThrow(
      /^cannot save lesson progress to .*blocker\/lessons\.json: /,
    );
  });

  it('shows in the list of lessons, with each lesson’s steps and title', () => {
    const file = temporaryProgressFile();
    saveProgress('services', { completed: 2, done: false }, file);
    saveProgress('placement', { completed: 0, done: true }, file);
    const listed = listLessons(file);
    expect(listed.map((lesson) => lesson.name)).toEqual(['deployments', 'first-cluster', 'load-balancers', 'placement', 'service-discovery', 'services']);
    expect(listed.find((lesson) => lesson.name === 'services')).toEqual({
      name: 'services',
      title: 'Services: a desired count, scaling, and tasks replaced when they stop',
      steps: 6,
      completed: 2,
    });
    const placement = listed.find((lesson) => lesson.name === 'placement')!;
    expect(placement.completed).toBe(placement.steps);
    expect(listed.find((lesson) => lesson.name === 'first-cluster')!.completed).toBe(0);
    expect(existsSync(file)).toBe(true);
  });
});
