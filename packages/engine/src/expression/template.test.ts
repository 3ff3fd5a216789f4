import { describe, expect, test } from 'vitest';
import { hasTemplate } from '../model/template-marker.js';
import { rewriteFieldBrackets } from './rewrite.js';
import { parseTemplate } from './template.js';

describe('parseTemplate', () => {
  test('splits text and expressions with their positions', () => {
    expect(parseTemplate('Hi {{ $json.name }}!')).toEqual([
      { kind: 'text', value: 'Hi ', start: 0 },
      { kind: 'expression', source: ' $json.name ', start: 5, end: 19 },
      { kind: 'text', value: '!', start: 19 },
    ]);
  });

  test('\\{{ is a literal {{', () => {
    expect(parseTemplate('a \\{{ b }} {{ 1 }}')).toEqual([
      { kind: 'text', value: 'a {{ b }} ', start: 0 },
      { kind: 'expression', source: ' 1 ', start: 13, end: 18 },
    ]);
  });

  test('}} inside a string literal, a backtick name or an object does not close the expression', () => {
    expect(parseTemplate('{{ "}}" & `a}}b` & {"k": {"x": 1}}.k.x }}').map((s) => s.kind)).toEqual(['expression']);
  });

  test('an unclosed {{ is an error at its position', () => {
    expect(() => parseTemplate('ok {{ $json.a')).toThrow(expect.objectContaining({ code: 'EXPRESSION_SYNTAX', position: 3 }));
  });

  test('hasTemplate ignores escaped braces', () => {
    expect(hasTemplate('\\{{ x }}')).toBe(false);
    expect(hasTemplate('\\{{ x }} {{ y }}')).toBe(true);
  });
});

describe('field brackets', () => {
  test.each([
    ['$json["first name"]', '$json.`first name` '],
    ["$json['a']['b']", '$json.`a` .`b` '],
    ['$node("X")["json"]', '$node("X").`json` '],
    ['["a", "b"]', '["a", "b"]'],
    ['$append($x, ["y"])', '$append($x, ["y"])'],
    ['$json[0]', '$json[0]'],
    ['"$json[\\"x\\"]"', '"$json[\\"x\\"]"'],
  ])('%s becomes %s, same length', (source, rewritten) => {
    expect(rewriteFieldBrackets(source)).toBe(rewritten);
    expect(rewritten.length).toBe(source.length);
  });
});
