// Records n8n's values of expressions that call its extension functions (strings, numbers, arrays, objects,
// dates) and its globals on one fixed item, as test data for Flowloom's JavaScript expressions (see README.md).
// The expressions are Flowloom's own list; the values are n8n's. Run with TZ=UTC, after generate.cjs's setup.
'use strict';

const { writeFileSync } = require('node:fs');
const { resolve } = require('node:path');

const NOW = Date.parse('2024-03-31T22:30:00.000Z');
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(NOW);
    else super(...args);
  }
  static now() {
    return NOW;
  }
}
globalThis.Date = FixedDate;
Math.random = () => 0.5;
require('luxon').Settings.now = () => NOW;
const { Workflow, createRunExecutionData, setGlobalState } = require('n8n-workflow');
const { setErrorHandler } = require('n8n-workflow/dist/cjs/expression-evaluator-proxy.js');
setGlobalState({ defaultTimezone: 'UTC' });

let swallowed;
setErrorHandler((error) => {
  if (error && (error.constructor?.name === 'ExpressionError' || error.constructor?.name === 'ExpressionExtensionError')) throw error;
  swallowed ??= error;
});

/** The item every expression reads as `$json`. */
const ITEM = {
  name: 'ada lovelace',
  title: 'HELLO big World. second sentence',
  email: 'Contact: Ada <ada@example.com> today',
  url: 'see https://www.example.com/path/to?x=1 now',
  page: 'https://sub.example.org:8080/a/b?c=d#e',
  domain: 'example.com',
  notDomain: 'sample text',
  html: '<p>Hi <b>there</b></p>',
  markdown: '# Title\n**bold** and _it_ [link](https://x.io)',
  accents: 'Ångström façade',
  numberText: '42.5',
  intText: '17',
  bad: 'abc',
  blank: '   ',
  empty: '',
  yes: 'yes',
  no: 'false',
  json: '{"a":1,"b":[2,3]}',
  b64: 'aGVsbG8gd29ybGQ=',
  encoded: 'a%20b%2Fc',
  spaced: 'a b/c?d',
  n: 3.14159,
  neg: -7.5,
  int: 10,
  zero: 0,
  ms: 1711924200000,
  secs: 1711924200,
  excel: 45382.5,
  t: true,
  f: false,
  list: [3, 1, 2, 3],
  strings: ['b', 'a', 'b', ''],
  mixed: [1, null, '', 0, 'x', undefined, NaN],
  people: [
    { name: 'Ada', age: 36, city: 'London' },
    { name: 'Alan', age: 41, city: 'Wilmslow' },
    { name: 'Ada', age: 36, city: 'London' },
  ],
  nested: [
    [1, 2],
    [3, 4],
  ],
  obj: { a: 1, b: 'two', c: null, d: '', e: 'contains two' },
  emptyObj: {},
  date: '2024-03-15T09:30:00.000Z',
  dateText: '15/03/2024 09:30',
  sqlDate: '2024-03-15 09:30:00',
  other: '2024-04-01T00:00:00.000Z',
};

const EXPRESSIONS = [
  // text
  '$json.name.toTitleCase()',
  '$json.title.toSentenceCase()',
  '$json.title.toSnakeCase()',
  '$json.name.length',
  '$json.name.length()',
  '$json.email.extractEmail()',
  '$json.url.extractUrl()',
  '$json.page.extractUrlPath()',
  '$json.page.extractDomain()',
  "'ada@example.com'.extractDomain()",
  '$json.domain.extractDomain()',
  '$json.notDomain.extractDomain()',
  "'ada@example.com'.isEmail()",
  '$json.email.isEmail()',
  "'https://example.com/x'.isUrl()",
  '$json.url.isUrl()',
  '$json.domain.isDomain()',
  '$json.notDomain.isDomain()',
  '$json.empty.isEmpty()',
  '$json.blank.isEmpty()',
  '$json.name.isNotEmpty()',
  '$json.numberText.isNumeric()',
  '$json.bad.isNumeric()',
  '$json.html.removeTags()',
  '$json.markdown.removeMarkdown()',
  '$json.accents.replaceSpecialChars()',
  '$json.name.quote()',
  '$json.name.quote("\'")',
  '$json.json.parseJson()',
  '$json.b64.base64Decode()',
  '$json.name.base64Encode()',
  '$json.encoded.urlDecode()',
  '$json.spaced.urlEncode()',
  '$json.spaced.urlEncode(true)',
  '$json.name.hash()',
  "$json.name.hash('sha256')",
  "$json.name.hash('sha1')",
  "$json.name.hash('sha512')",
  '$json.numberText.toNumber()',
  '$json.bad.toNumber()',
  '$json.numberText.toFloat()',
  '$json.numberText.toInt()',
  '$json.intText.toWholeNumber()',
  '$json.numberText.toDecimalNumber()',
  '$json.yes.toBoolean()',
  '$json.no.toBoolean()',
  '$json.name.toJsonString()',
  '$json.date.toDateTime()',
  '$json.date.toDateTime().toISO()',
  "$json.dateText.toDateTime('dd/MM/yyyy HH:mm')",
  '$json.sqlDate.toDateTime()',
  '$json.name.includes("love")',
  '$json.name.toUpperCase()',
  '$json.name.split(" ")',
  // numbers
  '$json.n.round(2)',
  '$json.n.round()',
  '$json.neg.round()',
  '$json.neg.abs()',
  '$json.n.ceil()',
  '$json.n.floor()',
  '$json.int.isEven()',
  '$json.int.isOdd()',
  '$json.n.isInteger()',
  '$json.int.isInteger()',
  '$json.zero.toBoolean()',
  '$json.int.toBoolean()',
  '$json.n.toInt()',
  '$json.n.toFloat()',
  '$json.ms.toDateTime()',
  "$json.secs.toDateTime('s')",
  "$json.excel.toDateTime('excel')",
  "$json.n.format('en-US')",
  "(1234567.891).format('de-DE')",
  "(0.256).format('en-US', { style: 'percent' })",
  '$json.n.toFixed(1)',
  '$json.int.toJsonString()',
  // booleans
  '$json.t.toInt()',
  '$json.f.toNumber()',
  '$json.t.toFloat()',
  '$json.t.toBoolean()',
  // arrays
  '$json.list.sum()',
  '$json.list.average()',
  '$json.list.max()',
  '$json.list.min()',
  '$json.list.first()',
  '$json.list.last()',
  '$json.list.unique()',
  '$json.list.removeDuplicates()',
  '$json.list.chunk(3)',
  '$json.list.isEmpty()',
  '$json.list.isNotEmpty()',
  '$json.list.length',
  '$json.strings.compact()',
  '$json.mixed.compact()',
  '$json.list.difference([1, 9])',
  '$json.list.intersection([3, 9])',
  '$json.list.union([9, 1])',
  '$json.list.append(7, 8)',
  "$json.people.pluck('name')",
  "$json.people.pluck('name', 'age')",
  "$json.people.unique('name')",
  "$json.people.smartJoin('name', 'age')",
  "$json.people.renameKeys('name', 'fullName')",
  '$json.list.randomItem()',
  '$json.list.toJsonString()',
  '$json.nested.flat()',
  '$json.people.map(p => p.name).join(", ")',
  '$json.people.filter(p => p.age > 40).length',
  '$json.list.toSorted()',
  '$json.strings.join("-")',
  // objects
  '$json.obj.keys()',
  '$json.obj.values()',
  "$json.obj.hasField('a')",
  "$json.obj.hasField('z')",
  "$json.obj.removeField('a')",
  '$json.obj.compact()',
  "$json.obj.removeFieldsContaining('two')",
  "$json.obj.keepFieldsContaining('two')",
  '$json.obj.isEmpty()',
  '$json.emptyObj.isEmpty()',
  '$json.obj.isNotEmpty()',
  '$json.obj.toJsonString()',
  "({ a: 1, b: 'x y' }).urlEncode()",
  '$json.obj.merge({ a: 9, z: 26 })',
  'Object.keys($json.obj).length',
  // dates
  '$now',
  '$today',
  '$now.toISO()',
  "$now.format('yyyy-MM-dd HH:mm')",
  "$now.toFormat('EEE d MMM yyyy')",
  "$now.plus(1, 'day')",
  '$now.plus({ days: 2 })',
  "$now.minus(3, 'hours')",
  '$now.minus({ weeks: 1 }).toISODate()',
  "$now.beginningOf('month')",
  "$now.beginningOf('week')",
  '$now.endOfMonth()',
  "$now.extract('month')",
  "$now.extract('weekday')",
  "$now.extract('dayOfYear')",
  '$now.isWeekend()',
  '$now.isDst()',
  "$now.isBetween('2024-01-01', '2024-12-31')",
  "$json.date.toDateTime().isInLast(30, 'days')",
  "$json.date.toDateTime().diffTo($json.other, 'days')",
  "$json.date.toDateTime().diffToNow('hours')",
  "$now.setZone('Europe/Paris').toISO()",
  "$now.setZone('America/New_York').toFormat('HH:mm ZZZZ')",
  '$now.toLocaleString(DateTime.DATETIME_MED)',
  '$now.toRelative()',
  'DateTime.fromISO($json.date).plus({ months: 1 }).toISO()',
  "DateTime.fromFormat($json.dateText, 'dd/MM/yyyy HH:mm').toISO()",
  "Duration.fromObject({ hours: 2 }).as('minutes')",
  "Interval.fromDateTimes(DateTime.fromISO($json.date), $now).length('days')",
  '$now.toMillis()',
  '$now.year',
  '$now.weekNumber',
  'new Date().toISOString()',
  'new Date($json.date).getTime()',
  "new Date($json.date).toLocaleDateString('en-US')",
  'new Date($json.date).toDateTime().toISO()',
  'Date.now()',
  // globals
  '$if($json.int > 5, "big", "small")',
  '$ifEmpty($json.empty, "fallback")',
  '$ifEmpty($json.name, "fallback")',
  '$ifEmpty($json.emptyObj, "fallback")',
  '$min(4, 2, 8)',
  '$max(4, 2, 8)',
  'Math.round($json.n * 100) / 100',
  'JSON.stringify($json.obj)',
  '$itemIndex',
  '$runIndex',
  'typeof $json.missing',
  '[1, 2, 3].map(x => x * 2)',
  '`${$json.name} is ${$json.int}`',
  '$json.missing ?? "none"',
  '$json.missing?.deeper',
  '$json.missing.isEmpty()',
  '$json.missing.last()',
];

const describe = (type) => ({ description: { name: type, displayName: type, properties: [], inputs: ['main'], outputs: ['main'] } });
const nodes = [
  { id: 'a', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
  { id: 'b', name: 'Set', type: 'n8n-nodes-base.set', typeVersion: 3.4, position: [0, 0], parameters: {} },
];
const workflow = new Workflow({
  id: 'functions',
  name: 'Functions',
  nodes,
  connections: { Start: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
  active: false,
  nodeTypes: { getByName: describe, getByNameAndVersion: describe, getKnownTypes: () => ({}) },
  settings: { timezone: 'UTC' },
});

const goldens = EXPRESSIONS.map((expression) => {
  const item = JSON.parse(JSON.stringify(ITEM));
  item.mixed = [1, null, '', 0, 'x', null, null];
  const input = [{ json: item, pairedItem: { item: 0 } }];
  const runData = { Start: [{ startTime: 0, executionTime: 0, executionIndex: 0, source: [], data: { main: [input] } }] };
  swallowed = undefined;
  let n8n;
  try {
    const value = workflow.expression.getParameterValue(
      `={{ ${expression} }}`,
      createRunExecutionData({ resultData: { runData } }),
      0,
      0,
      'Set',
      input,
      'manual',
      { $execution: { id: 'execution-1', mode: 'test' } },
      { node: nodes[1], data: { main: [input] }, source: { main: [{ previousNode: 'Start' }] } },
    );
    const text = JSON.stringify(value);
    if (swallowed !== undefined) n8n = { swallowed: `${swallowed.name}: ${swallowed.message}` };
    else n8n = text === undefined ? { undefined: true } : { value: JSON.parse(text) };
  } catch (error) {
    n8n = { error: String(error?.message ?? error) };
  }
  return { expression, n8n };
});

const out = resolve(__dirname, '../../packages/engine/src/n8n/goldens/function-expressions.json');
const json = {
  about: 'n8n-workflow 2.41.0 evaluating tools/n8n-goldens/functions.cjs',
  now: new RealDate(NOW).toISOString(),
  item: ITEM,
  goldens,
};
writeFileSync(out, `${JSON.stringify(json, null, 1)}\n`);
console.log(`${goldens.length} expressions -> packages/engine/src/n8n/goldens/function-expressions.json`);
