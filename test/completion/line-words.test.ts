import { describe, expect, it } from 'vitest';
import { splitLine } from '../../source/completion/index.js';

describe('splitting a partly typed line', () => {
  it('gives the words before the cursor and an empty current word after a space', () => {
    const { before, current } = splitLine('ecs list-clusters ', 18);
    expect(before.map((w) => [w.text, w.start, w.end])).toEqual([
      ['ecs', 0, 3],
      ['list-clusters', 4, 17],
    ]);
    expect(current).toMatchObject({ text: '', start: 18, end: 18 });
  });

  it('cuts the current word at the cursor but ends it where the word ends', () => {
    const { before, current } = splitLine('ecs list-clusters --output json', 11);
    expect(before.map((w) => w.text)).toEqual(['ecs']);
    expect(current).toMatchObject({ text: 'list-cl', start: 4, end: 17 });
  });

  it('removes quotes, keeps spaces inside them, and reports a quote left open', () => {
    const { before, current } = splitLine(`ecs tag-resource --tags 'key=team,value=a b' --cluster "my clu`, 62);
    expect(before.map((w) => w.text)).toEqual(['ecs', 'tag-resource', '--tags', 'key=team,value=a b', '--cluster']);
    expect(before[3]).toMatchObject({ quote: "'" });
    expect(current).toMatchObject({ text: 'my clu', start: 55, end: 62, quote: '"', open: '"' });
  });

  it('resolves backslash escapes and maps each character back to the line', () => {
    const { current } = splitLine('ecs x --name "a\\"b" ', 19);
    expect(current).toMatchObject({ text: 'a"b', start: 13, end: 19 });
    expect(current.offsets).toEqual([14, 16, 17]);
    expect(current.open).toBeUndefined();
  });

  it('knows a quote opened in the middle of a word', () => {
    const { current } = splitLine('ecs run-task --overrides containerOverrides="x', 46);
    expect(current).toMatchObject({ text: 'containerOverrides=x', open: '"' });
    expect(current.quote).toBeUndefined();
  });

  it('keeps the cursor inside the line', () => {
    expect(splitLine('ecs', 99).current).toMatchObject({ text: 'ecs', start: 0, end: 3 });
    expect(splitLine('', 0).current).toMatchObject({ text: '', start: 0, end: 0 });
  });
});
