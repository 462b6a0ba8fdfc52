import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../source/completion/index.js';
import CompletionMenu from '../../source/shell/CompletionMenu.js';
import { highlightParts } from '../../source/shell/highlight-parts.js';
import { THEMES } from '../../source/shell/theme.js';

function candidate(label: string, extra: Partial<Candidate> = {}): Candidate {
  return { kind: 'parameter', label, insert: label, positions: [], score: 0, ...extra };
}

describe('the completion menu', () => {
  it('splits a label around the matched letters, to draw them highlighted', () => {
    expect(highlightParts('list-clusters', [0, 1, 5, 6], 40)).toEqual([
      { text: 'li', match: true },
      { text: 'st-', match: false },
      { text: 'cl', match: true },
      { text: 'usters', match: false },
    ]);
  });

  it('cuts a label too long for its column, with an ellipsis that is never highlighted', () => {
    expect(highlightParts('describe-capacity-providers', [0, 9, 10], 10)).toEqual([
      { text: 'd', match: true },
      { text: 'escribe-…', match: false },
    ]);
  });

  it('shows each item with its type, a star on required ones, and at most the rows it is given', () => {
    const candidates = [
      candidate('--service-name', { type: 'string', required: true }),
      candidate('--cluster', { type: 'string' }),
      candidate('--desired-count', { type: 'integer' }),
    ];
    const { lastFrame } = render(<CompletionMenu candidates={candidates} selected={0} rows={2} width={80} theme={THEMES.mono} />);
    expect(lastFrame()!.split('\n')).toEqual([' --service-name  string *', ' --cluster       string']);
  });

  it('scrolls to keep the selection in view', () => {
    const candidates = ['a', 'b', 'c', 'd', 'e'].map((label) => candidate(label, { kind: 'value' }));
    const { lastFrame } = render(<CompletionMenu candidates={candidates} selected={4} rows={2} width={80} theme={THEMES.mono} />);
    expect(lastFrame()!.split('\n').map((row) => row.trim())).toEqual(['d', 'e']);
  });
});
