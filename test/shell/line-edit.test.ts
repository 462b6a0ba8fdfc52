import { describe, expect, it } from 'vitest';
import {
  deleteBackward,
  deleteForward,
  insertText,
  killToEnd,
  killToStart,
  killWordBackward,
  killWordForward,
  lineOf,
  wordEndAfter,
  wordStartBefore,
} from '../../source/shell/line-edit.js';

describe('editing the line', () => {
  it('inserts at the cursor and deletes either side of it', () => {
    const line = lineOf('ecs list', 3);
    expect(insertText(line, ' x')).toEqual({ text: 'ecs x list', cursor: 5 });
    expect(deleteBackward(line)).toEqual({ text: 'ec list', cursor: 2 });
    expect(deleteForward(line)).toEqual({ text: 'ecslist', cursor: 3 });
    expect(deleteBackward(lineOf('abc', 0))).toEqual({ text: 'abc', cursor: 0 });
    expect(deleteForward(lineOf('abc'))).toEqual({ text: 'abc', cursor: 3 });
  });

  it('moves by words as readline does: letters and digits make a word', () => {
    const text = 'ecs list-services --cluster demo';
    expect(wordStartBefore(text, text.length)).toBe(28);
    expect(wordStartBefore(text, 28)).toBe(20);
    expect(wordStartBefore(text, 20)).toBe(9);
    expect(wordEndAfter(text, 0)).toBe(3);
    expect(wordEndAfter(text, 3)).toBe(8);
    expect(wordEndAfter(text, 8)).toBe(17);
  });

  it('ctrl-k and ctrl-u cut to the end and to the start, keeping what they cut', () => {
    const line = lineOf('ecs list-clusters --output table', 17);
    expect(killToEnd(line)).toEqual({ line: { text: 'ecs list-clusters', cursor: 17 }, killed: ' --output table' });
    expect(killToStart(line)).toEqual({ line: { text: ' --output table', cursor: 0 }, killed: 'ecs list-clusters' });
  });

  it('ctrl-w cuts back to the previous space, a whole --option at once; alt-d cuts the next word', () => {
    expect(killWordBackward(lineOf('ecs create-cluster --cluster-name'))).toEqual({ line: { text: 'ecs create-cluster ', cursor: 19 }, killed: '--cluster-name' });
    expect(killWordBackward(lineOf('ecs list  '))).toEqual({ line: { text: 'ecs ', cursor: 4 }, killed: 'list  ' });
    expect(killWordForward(lineOf('ecs list-clusters', 3))).toEqual({ line: { text: 'ecs-clusters', cursor: 3 }, killed: ' list' });
  });
});
