import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { History, HISTORY_LIMIT } from '../../source/shell/history.js';
import { newerEntry, olderEntry } from '../../source/shell/history-browse.js';
import { redactSecrets } from '../../source/shell/redact-secrets.js';
import { searchBackward, searchFor, searchOlder, startSearch } from '../../source/shell/reverse-search.js';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'ecsh-history-')), 'history');

describe('the history file', () => {
  it('keeps lines across sessions in a file only the user can read', () => {
    const path = tempFile();
    const first = History.open(path);
    first.add('ecs list-clusters');
    first.add('ecs create-cluster --cluster-name demo');
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    expect(History.open(path).entries).toEqual(['ecs list-clusters', 'ecs create-cluster --cluster-name demo']);
  });

  it('makes an existing file that others can read private', () => {
    const path = tempFile();
    writeFileSync(path, 'ecs list-clusters\n', { mode: 0o644 });
    History.open(path).add('ecs list-services');
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
  });

  it('skips blank lines and a line repeated right after itself', () => {
    const history = History.open(tempFile());
    history.add('ecs list-clusters');
    history.add('ecs list-clusters');
    history.add('   ');
    history.add('ecs list-services');
    history.add('ecs list-clusters');
    expect(history.entries).toEqual(['ecs list-clusters', 'ecs list-services', 'ecs list-clusters']);
  });

  it('never writes a credential: the values are masked on disk and in memory', () => {
    const path = tempFile();
    const history = History.open(path);
    history.add('!aws configure set aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    history.add('ecs run-task --secret-key "wJalrXUtnFEMI/K7MDENG" --access-key AKIAIOSFODNN7EXAMPLE --cluster demo');
    const file = readFileSync(path, 'utf8');
    expect(file).not.toContain('wJalrXUtnFEMI');
    expect(file).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(history.entries[1]).toBe('ecs run-task --secret-key **** --access-key **** --cluster demo');
  });

  it(`keeps the last ${HISTORY_LIMIT} lines, and cuts the file back once it holds twice as many`, () => {
    const path = tempFile();
    writeFileSync(path, Array.from({ length: 2 * HISTORY_LIMIT }, (_, i) => `ecs line-${i}\n`).join(''), { mode: 0o600 });
    const history = History.open(path);
    expect(history.entries).toHaveLength(HISTORY_LIMIT);
    expect(history.entries[0]).toBe(`ecs line-${HISTORY_LIMIT}`);
    history.add('ecs newest');
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(HISTORY_LIMIT);
    expect(lines.at(-1)).toBe('ecs newest');
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
  });
});

describe('masking credentials', () => {
  it('masks the values of credential options, with a space or an equals sign', () => {
    expect(redactSecrets('x --secret-key abc --secret-access-key=def --session-token "g h"')).toBe('x --secret-key **** --secret-access-key=**** --session-token ****');
  });

  it('masks credential settings and JSON fields, and access key ids anywhere', () => {
    expect(redactSecrets('!export AWS_SECRET_ACCESS_KEY=abc AWS_SESSION_TOKEN=xyz')).toBe('!export AWS_SECRET_ACCESS_KEY=**** AWS_SESSION_TOKEN=****');
    expect(redactSecrets(`--cli-input-json '{"secretAccessKey": "abc"}'`)).toBe(`--cli-input-json '{"secretAccessKey": ****}'`);
    expect(redactSecrets('ecs tag-resource --tags key=k,value=ASIAY34FZKBOKMUTVV7A')).toBe('ecs tag-resource --tags key=k,value=****');
  });

  it('leaves ordinary lines alone', () => {
    const line = 'ecs create-service --cluster demo --service-name web --desired-count 2';
    expect(redactSecrets(line)).toBe(line);
  });
});

describe('browsing and searching the history', () => {
  const entries = ['ecs list-clusters', 'ecs create-cluster --cluster-name demo', 'ecs list-services --cluster demo'];

  it('goes older with up and back to the line being typed with down', () => {
    const first = olderEntry(entries, undefined, 'ecs desc')!;
    expect(first.text).toBe('ecs list-services --cluster demo');
    const second = olderEntry(entries, first.browse, first.text)!;
    expect(second.text).toBe('ecs create-cluster --cluster-name demo');
    const back = newerEntry(entries, second.browse)!;
    expect(back.text).toBe('ecs list-services --cluster demo');
    expect(newerEntry(entries, back.browse)!.text).toBe('ecs desc');
    expect(olderEntry(entries, { index: 0, draft: '' }, '')).toBeUndefined();
  });

  it('ctrl-r finds the newest entry containing the text, then older ones, ignoring case', () => {
    expect(searchBackward(entries, 'DEMO')).toBe(2);
    const search = searchFor(entries, startSearch(entries, { text: '', cursor: 0 }), 'demo');
    expect(search.match).toBe(2);
    expect(searchOlder(entries, search).match).toBe(1);
    expect(searchOlder(entries, { ...search, match: 1 }).match).toBe(1);
    expect(searchFor(entries, search, 'nothing').match).toBeUndefined();
  });
});
