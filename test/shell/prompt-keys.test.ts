import { describe, expect, it } from 'vitest';
import { acceptCandidate } from '../../source/shell/accept-candidate.js';
import type { KeyPress } from '../../source/terminal/index.js';
import { lineOf } from '../../source/shell/line-edit.js';
import { handleKey, type KeyView } from '../../source/shell/prompt-keys.js';
import { INITIAL_PROMPT, type PromptState } from '../../source/shell/prompt-state.js';

const key = (name: string, mods: Partial<KeyPress> = {}): KeyPress => ({ name, ctrl: false, meta: false, shift: false, text: '', ...mods });
const text = (typed: string) => key('text', { text: typed });

const menu: KeyView = {
  history: ['ecs list-clusters', '.cluster demo'],
  candidates: [{ insert: 'list-clusters' }, { insert: 'list-services' }],
  replace: { start: 4, end: 11 },
  menuVisible: true,
  running: false,
};

function typed(line: string): PromptState {
  return handleKey(text(line), INITIAL_PROMPT, { ...menu, menuVisible: false }).state;
}

describe('the prompt keys', () => {
  it('Enter runs the line when the selection was not moved by hand', () => {
    const outcome = handleKey(key('return'), typed('ecs list-c'), menu);
    expect(outcome.effect).toEqual({ type: 'run', line: 'ecs list-c' });
    expect(outcome.state.line).toEqual({ text: '', cursor: 0 });
  });

  it('Enter accepts the item chosen with the arrows instead', () => {
    const chosen = handleKey(key('down'), typed('ecs list-c'), menu).state;
    const outcome = handleKey(key('return'), chosen, menu);
    expect(outcome.effect).toBeUndefined();
    expect(outcome.state.line).toEqual({ text: 'ecs list-services ', cursor: 18 });
  });

  it('Tab on a closed menu opens it, or takes the only candidate at once', () => {
    const closed = { ...menu, menuVisible: false };
    expect(handleKey(key('tab'), typed('ecs list-c'), closed).state.menu.open).toBe(true);
    const single = handleKey(key('tab'), typed('ecs list-c'), { ...closed, candidates: [{ insert: 'list-clusters' }] });
    expect(single.state.line.text).toBe('ecs list-clusters ');
  });

  it('Up browses the history when no menu shows', () => {
    expect(handleKey(key('up'), INITIAL_PROMPT, { ...menu, menuVisible: false }).state.line.text).toBe('.cluster demo');
  });

  it('ctrl-d leaves on an empty line and deletes a character otherwise', () => {
    expect(handleKey(key('d', { ctrl: true }), INITIAL_PROMPT, menu).effect).toEqual({ type: 'exit' });
    const line = { ...typed('ecs'), line: lineOf('ecs', 0) };
    expect(handleKey(key('d', { ctrl: true }), line, menu).state.line.text).toBe('cs');
  });

  it('ctrl-c cancels a running command, and otherwise drops the line', () => {
    expect(handleKey(key('c', { ctrl: true }), typed('ecs'), { ...menu, running: true }).effect).toEqual({ type: 'cancel' });
    expect(handleKey(key('c', { ctrl: true }), typed('ecs'), menu).state.line.text).toBe('');
  });

  it('Enter while a command runs keeps the line and says why', () => {
    const outcome = handleKey(key('return'), typed('ecs list-clusters'), { ...menu, menuVisible: false, running: true });
    expect(outcome.effect).toEqual({ type: 'busy' });
    expect(outcome.state.line.text).toBe('ecs list-clusters');
  });
});

describe('accepting a candidate', () => {
  it('replaces the word and adds one space, not two', () => {
    expect(acceptCandidate(lineOf('ecs lis --x', 7), { insert: 'list-clusters' }, { start: 4, end: 7 })).toEqual({ text: 'ecs list-clusters --x', cursor: 18 });
    expect(acceptCandidate(lineOf('ecs lis'), { insert: 'list-clusters' }, { start: 4, end: 7 })).toEqual({ text: 'ecs list-clusters ', cursor: 18 });
  });

  it('adds no space after a shorthand key that continues', () => {
    expect(acceptCandidate(lineOf('--overrides na'), { insert: 'name=', noSpace: true }, { start: 12, end: 14 })).toEqual({ text: '--overrides name=', cursor: 17 });
  });
});
