import { describe, expect, it } from 'vitest';
import { matchTarget, matchText, rankItems } from '../../source/completion/index.js';

function rank(names: string[], query: string, mode: 'fuzzy' | 'prefix' = 'fuzzy') {
  return rankItems(names.map(matchTarget), (t) => t, query, { mode }).ranked.map((r) => r.item.text);
}

describe('fuzzy ranking', () => {
  it('puts the exact name first, then prefixes, then other fuzzy matches', () => {
    const names = ['list-container-instances', 'list-clusters', 'describe-clusters', 'list', 'delete-cluster'];
    expect(rank(names, 'list')).toEqual(['list', 'list-clusters', 'list-container-instances']);
    expect(rank(names, 'lc')).toEqual(['list-clusters', 'list-container-instances', 'delete-cluster']);
    // Equal matches: alphabetical, whatever their length.
    expect(rank(names, 'cluster')).toEqual(['delete-cluster', 'describe-clusters', 'list-clusters']);
  });

  it('ranks a prefix above a closer fuzzy match and shorter prefixes first', () => {
    expect(rank(['web-frontend', 'web', 'api-web', 'wxexb'], 'web')).toEqual(['web', 'web-frontend', 'api-web', 'wxexb']);
  });

  it('reports the matched characters where they are in the name', () => {
    expect(matchText('lc', 'list-clusters')?.positions).toEqual([0, 5]);
    expect(matchText('dsvc', 'describe-services')?.positions).toEqual([0, 9, 12, 14]);
    expect(matchText('task', 'list-task-definition-families')?.positions).toEqual([5, 6, 7, 8]);
    expect(matchText('list-cl', 'list-clusters')?.positions).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('prefers letters at word starts: "ci" finds container-instance before a mid-word "ci"', () => {
    expect(rank(['specific', 'container-instance'], 'ci')).toEqual(['container-instance', 'specific']);
    expect(matchText('ci', 'container-instance')?.positions).toEqual([0, 10]);
  });

  it('ignores case, and highlights in the original text', () => {
    expect(matchText('fg', 'FARGATE')?.positions).toEqual([0, 3]);
    expect(rank(['EC2', 'FARGATE', 'EXTERNAL'], 'ext')).toEqual(['EXTERNAL']);
  });

  it('in prefix mode matches only names that start with the query', () => {
    expect(rank(['list-clusters', 'describe-clusters'], 'cl', 'prefix')).toEqual([]);
    expect(rank(['list-clusters', 'list-services', 'describe-clusters'], 'list-', 'prefix')).toEqual(['list-clusters', 'list-services']);
  });

  it('drops names that lack a letter of the query, or have them out of order', () => {
    expect(matchText('xyz', 'list-clusters')).toBeUndefined();
    expect(matchText('sl', 'list')).toBeUndefined();
    expect(matchText('longer-than-the-name', 'name')).toBeUndefined();
  });

  it('keeps the given order for an empty query, and counts all matches beyond the limit', () => {
    const names = Array.from({ length: 50 }, (_, i) => `service-${i}`);
    const all = rankItems(names.map(matchTarget), (t) => t, '', { limit: 5 });
    expect(all.ranked.map((r) => r.item.text)).toEqual(names.slice(0, 5));
    expect(all.total).toBe(50);
    const some = rankItems(names.map(matchTarget), (t) => t, 'service-4', { limit: 3 });
    // service-4 and service-40..49 start with it; service-14, -24, -34 hold its letters in order.
    expect(some.total).toBe(14);
    expect(some.ranked.map((r) => r.item.text)).toEqual(['service-4', 'service-40', 'service-41']);
    const fuzzy = rankItems(names.map(matchTarget), (t) => t, 'service-4').ranked.map((r) => r.item.text);
    expect(fuzzy.slice(11)).toEqual(['service-14', 'service-24', 'service-34']);
  });
});
