import { describe, expect, it } from 'vitest';
import { parseShorthand, ShorthandSyntaxError } from '../../source/commands/index.js';

describe('shorthand syntax', () => {
  it('reads key=value pairs separated by commas', () => {
    expect(parseShorthand('name=web,image=nginx:1.27')).toEqual({ name: 'web', image: 'nginx:1.27' });
  });

  it('makes a list of the values after a key until the next key=', () => {
    expect(parseShorthand('Name=tag:env,Values=dev,prod')).toEqual({ Name: 'tag:env', Values: ['dev', 'prod'] });
    expect(parseShorthand('a=b,c=d,e')).toEqual({ a: 'b', c: ['d', 'e'] });
    expect(parseShorthand('ports=80,443,8080')).toEqual({ ports: ['80', '443', '8080'] });
  });

  it('reads explicit lists and nested structures', () => {
    expect(parseShorthand('awsvpcConfiguration={subnets=[subnet-1,subnet-2],assignPublicIp=ENABLED}')).toEqual({
      awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], assignPublicIp: 'ENABLED' },
    });
    expect(parseShorthand('a={b={c=d}},e=[[1,2],[3]],f=[]')).toEqual({ a: { b: { c: 'd' } }, e: [['1', '2'], ['3']], f: [] });
    expect(parseShorthand('list=[{k=a},{k=b}]')).toEqual({ list: [{ k: 'a' }, { k: 'b' }] });
  });

  it('keeps "=" inside a first value, so a value can hold an equals sign', () => {
    expect(parseShorthand('value=a=b')).toEqual({ value: 'a=b' });
  });

  it('reads empty values', () => {
    expect(parseShorthand('a=')).toEqual({ a: '' });
    expect(parseShorthand('a=,b=c')).toEqual({ a: '', b: 'c' });
    expect(parseShorthand('a=""')).toEqual({ a: '' });
  });

  it('reads quoted values with commas, equals signs and escaped quotes', () => {
    expect(parseShorthand(`a='x,y',b="p=q"`)).toEqual({ a: 'x,y', b: 'p=q' });
    expect(parseShorthand(String.raw`a='it\'s',b="say \"hi\"",c='back\\slash'`)).toEqual({ a: "it's", b: 'say "hi"', c: 'back\\slash' });
    expect(parseShorthand(`Values='a,b',"c"`)).toEqual({ Values: ['a,b', 'c'] });
  });

  it('reads an escaped comma as part of the value', () => {
    expect(parseShorthand(String.raw`command=echo a\,b`)).toEqual({ command: 'echo a,b' });
  });

  it('ignores whitespace around keys, "=" and commas, and trims the end of values', () => {
    expect(parseShorthand('a = b , c = d ')).toEqual({ a: 'b', c: 'd' });
  });

  it('accepts the characters AWS keys use: - _ . # / :', () => {
    expect(parseShorthand('aws:cloudformation:stack-name=x,a.b_c#d/e=y')).toEqual({ 'aws:cloudformation:stack-name': 'x', 'a.b_c#d/e': 'y' });
  });

  it('keeps non-ASCII values', () => {
    expect(parseShorthand('name=café,note=日本')).toEqual({ name: 'café', note: '日本' });
  });

  it('makes "__proto__" an ordinary key', () => {
    const parsed = parseShorthand('__proto__=x');
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('says what it expected and where', () => {
    expect(() => parseShorthand('name')).toThrow(new ShorthandSyntaxError("Expected: '=', received: 'EOF' for input: name (at character 5)"));
    expect(() => parseShorthand('a=[b,c')).toThrow(/Expected: ',', received: 'EOF'/);
    expect(() => parseShorthand('a=b,')).toThrow("Expected: '<second>', received: '<none>' for input: a=b, (at character 5)");
    expect(() => parseShorthand(`a='open`)).toThrow(/Expected: '<singled quoted>'/);
    expect(() => parseShorthand('a={b=c')).toThrow(/Expected: ',', received: 'EOF'/);
  });

  it('refuses a key given twice, the sign of a comma where a space was meant', () => {
    expect(() => parseShorthand('key=a,value=1,key=b,value=2')).toThrow(
      'Second instance of key "key" encountered for input: key=a,value=1,key=b,value=2 (at character 14); this is often because there is a preceding "," instead of a space.',
    );
  });
});
