import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, memorySettings, openSettings } from '../../source/shell/settings.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ecsh-settings-'));

describe('settings', () => {
  it('start from the defaults: the sandbox, fuzzy matching, the dark theme', async () => {
    const settings = openSettings(tempDir());
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ backend: 'sandbox', fuzzy: true, theme: 'dark' });
  });

  it('are saved in settings.json, readable only by the user, and read back by the next session', async () => {
    const dir = tempDir();
    const first = openSettings(dir);
    first.update({ backend: 'aws', profile: 'prod', region: 'eu-west-1', cluster: 'web', fuzzy: false, theme: 'mono' });
    expect(first.get()).toMatchObject({ backend: 'aws', cluster: 'web' });
    await first.saved();
    const path = join(dir, 'settings.json');
    expect(first.path).toBe(path);
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    expect(openSettings(dir).get()).toEqual({ backend: 'aws', profile: 'prod', region: 'eu-west-1', cluster: 'web', fuzzy: false, theme: 'mono' });
  });

  it('forget a setting given as undefined', async () => {
    const dir = tempDir();
    const settings = openSettings(dir);
    settings.update({ cluster: 'web', region: 'us-west-2' });
    settings.update({ cluster: undefined });
    expect(settings.get().cluster).toBeUndefined();
    await settings.saved();
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ region: 'us-west-2' });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).not.toHaveProperty('cluster');
  });

  it('ignore values of the wrong type or unknown, rather than trusting them', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ backend: 'mainframe', fuzzy: 'yes', theme: 'neon', cluster: 42, region: 'us-west-2' }));
    expect(openSettings(dir).get()).toEqual({ ...DEFAULT_SETTINGS, region: 'us-west-2' });
  });

  it('fall back to the defaults, without touching the file, when it is not JSON, and say why', async () => {
    const dir = tempDir();
    const path = join(dir, 'settings.json');
    writeFileSync(path, '{ not json');
    const problems: string[] = [];
    const settings = openSettings(dir, (message) => problems.push(message));
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('cannot read the settings');
    expect(problems[0]).not.toContain('\n');
    settings.update({ cluster: 'x' });
    await settings.saved();
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
  });

  it('can live in memory only', () => {
    const settings = memorySettings({ cluster: 'demo' });
    settings.update({ fuzzy: false });
    expect(settings.get()).toEqual({ ...DEFAULT_SETTINGS, cluster: 'demo', fuzzy: false });
    expect(settings.path).toBeUndefined();
  });
});
