// Records n8n's conversion of Edit Fields values to a field's declared type (n8n-workflow's validateFieldType, which
// n8n's Edit Fields calls for every field after its expression resolves), as test data for Flowloom's Edit Fields.
// Run: `npm install --ignore-scripts && node field-types.cjs` in this folder.
'use strict';

const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { validateFieldType } = require('n8n-workflow');

const OUT = resolve(__dirname, '../../packages/engine/src/n8n/goldens/field-types.json');

/** Values as an expression or a typed-in value can give them. */
const VALUES = [
  '',
  ' ',
  '0',
  '1',
  '42',
  ' 42 ',
  '-3.5',
  '1e3',
  '0x10',
  '0b11',
  '0o7',
  '007',
  '1,5',
  '12abc',
  'abc',
  'NaN',
  'true',
  'false',
  'TRUE',
  'False',
  'yes',
  'no',
  'on',
  'off',
  't',
  'f',
  '[]',
  '[1,2]',
  "['a']",
  '{}',
  '{"a":1}',
  '{a:1}',
  'null',
  ' true ',
  ' 1 ',
  '1.0',
  '+5',
  '.5',
  '5.',
  'Infinity',
  '-0',
  "{a:'b'}",
  "{'a': 1}",
  '[{a:1}]',
  "{ a: 1, b: [2, 'c'] }",
  '{"a":1,}',
  '[1,2,]',
  ' [1] ',
  ' {"a":1} ',
  0,
  1,
  2,
  -1,
  0.5,
  true,
  false,
  [],
  [1],
  [1, 2],
  ['x'],
  {},
  { a: 1 },
];
const TYPES = ['number', 'boolean', 'array', 'object'];

const cases = [];
for (const type of TYPES) {
  for (const value of VALUES) {
    const result = validateFieldType('field', value, type);
    cases.push(result.valid ? { type, value, valid: true, newValue: result.newValue ?? null } : { type, value, valid: false });
  }
}
writeFileSync(OUT, `${JSON.stringify({ source: 'n8n-workflow validateFieldType', cases }, null, 2)}\n`);
console.log(`${cases.length} cases written to ${OUT}`);
