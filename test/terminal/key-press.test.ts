import { describe, expect, it } from 'vitest';
import { decodeKeys, functionKeyNumber } from '../../source/terminal/index.js';

const names = (input: string) => decodeKeys(input).map((key) => `${key.ctrl ? 'ctrl-' : ''}${key.meta ? 'alt-' : ''}${key.shift ? 'shift-' : ''}${key.name === 'text' ? JSON.stringify(key.text) : key.name}`);

describe('decoding what the terminal sends', () => {
  it('keeps typed or pasted text together', () => {
    expect(names('ecs list-clusters')).toEqual(['"ecs list-clusters"']);
  });

  it('splits Enter off text that arrives in the same chunk, so a fast sender still runs the line', () => {
    expect(names('ecs list-clusters\r')).toEqual(['"ecs list-clusters"', 'return']);
    expect(names('a\r\nb\n')).toEqual(['"a"', 'return', '"b"', 'return']);
  });

  it('names the control keys', () => {
    expect(names('\t')).toEqual(['tab']);
    expect(names('\x7f')).toEqual(['backspace']);
    expect(names('\x01\x05\x0b\x15\x17\x12\x03\x04')).toEqual(['ctrl-a', 'ctrl-e', 'ctrl-k', 'ctrl-u', 'ctrl-w', 'ctrl-r', 'ctrl-c', 'ctrl-d']);
  });

  it('tells the function keys apart, in the xterm and the rxvt forms', () => {
    expect(names('\x1bOP')).toEqual(['f1']);
    expect(names('\x1bOQ')).toEqual(['f2']);
    expect(names('\x1bOR')).toEqual(['f3']);
    expect(names('\x1b[21~')).toEqual(['f10']);
    expect(names('\x1b[11~')).toEqual(['f1']);
    expect(names('\x1b[[B')).toEqual(['f2']);
  });

  it('reads arrows, paging and editing keys, with their modifiers', () => {
    expect(names('\x1b[A')).toEqual(['up']);
    expect(names('\x1bOB')).toEqual(['down']);
    expect(names('\x1b[5~')).toEqual(['pageup']);
    expect(names('\x1b[6~')).toEqual(['pagedown']);
    expect(names('\x1b[3~')).toEqual(['delete']);
    expect(names('\x1b[H')).toEqual(['home']);
    expect(names('\x1b[1;5D')).toEqual(['ctrl-left']);
    expect(names('\x1b[Z')).toEqual(['shift-tab']);
  });

  it('reads alt chords (ESC then the key) and a lone Escape', () => {
    expect(names('\x1bb')).toEqual(['alt-b']);
    expect(names('\x1bf')).toEqual(['alt-f']);
    expect(names('\x1b\x7f')).toEqual(['alt-backspace']);
    expect(names('\x1b')).toEqual(['escape']);
  });

  it('numbers the F-keys pressed alone, in what xterm, the Linux console and rxvt send', () => {
    const number = (input: string) => decodeKeys(input).map(functionKeyNumber);
    expect(number('\u001bOS')).toEqual([4]);
    expect(number('\u001b[14~')).toEqual([4]);
    expect(number('\u001b[15~')).toEqual([5]);
    expect(number('\u001b[[E')).toEqual([5]);
    expect(number('\u001b[17~')).toEqual([6]);
    expect(number('\u001b[18~')).toEqual([7]);
    expect(number('\u001b[24~')).toEqual([12]);
    expect(number('s')).toEqual([undefined]);
    expect(number('\x06')).toEqual([undefined]);
    // shift-F5: a chord, not F5.
    expect(number('\u001b[15;2~')).toEqual([undefined]);
  });
});
