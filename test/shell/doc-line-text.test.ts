import { describe, expect, it } from 'vitest';
import type { CompletionResult } from '../../source/completion/index.js';
import { docLineText } from '../../source/shell/doc-line-text.js';

const clusterFlag = { type: 'string', short: 'c', doc: 'The cluster (default: the shell\'s .cluster).' } as const;

function ecsCliValue(candidates: CompletionResult['candidates'], pending = false): CompletionResult {
  return {
    context: { kind: 'ecs-cli-value', command: {} as never, flag: 'cluster', spec: clusterFlag as never, resource: 'cluster' },
    query: '',
    replace: { start: 0, end: 0 },
    candidates,
    total: candidates.length,
    pending,
  };
}

const base = { searching: false, menuVisible: false, selected: 0, emptyLine: false };

describe('the doc line on an ecs-cli flag value', () => {
  it('shows the flag and its doc while the value is typed', () => {
    expect(docLineText({ ...base, completion: ecsCliValue([]) })).toEqual({ text: "--cluster, -c (string): The cluster (default: the shell's .cluster).", role: 'doc' });
  });

  it('names what it fetches by the resource, not as "name names"', () => {
    expect(docLineText({ ...base, completion: ecsCliValue([], true) }).text).toBe('fetching cluster names…');
  });

  it('gives a highlighted value the flag it is for', () => {
    const candidate = { kind: 'resource' as const, label: 'demo', insert: 'demo', positions: [], score: 1 };
    const text = docLineText({ ...base, menuVisible: true, completion: ecsCliValue([candidate]) }).text;
    expect(text).toBe("[1/1] demo: --cluster, -c (string): The cluster (default: the shell's .cluster).");
  });
});

describe('the doc line on a live name', () => {
  const value = (resource: string, candidates: CompletionResult['candidates']): CompletionResult => ({
    context: { kind: 'value', service: 'ecs', operation: 'describe-services', parameter: 'cluster', resource, cluster: 'demo' } as never,
    query: '',
    replace: { start: 0, end: 0 },
    candidates,
    total: candidates.length,
    pending: false,
  });
  const candidate = (label: string) => ({ kind: 'resource' as const, label, insert: label, positions: [], score: 1 });

  it("says which cluster a service belongs to, but not a cluster's own name", () => {
    expect(docLineText({ ...base, menuVisible: true, completion: value('service', [candidate('web')]) }).text).toBe('[1/1] web: service in demo');
    expect(docLineText({ ...base, menuVisible: true, completion: value('cluster', [candidate('demo')]) }).text).toBe('[1/1] demo: cluster');
  });
});
