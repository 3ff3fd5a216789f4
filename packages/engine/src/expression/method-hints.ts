/** JavaScript and n8n method names, and the Flowloom function that does the same. */
const HINTS: Readonly<Record<string, string>> = {
  toUpperCase: '$uppercase(x)',
  toLowerCase: '$lowercase(x)',
  trim: '$trim(x)',
  includes: '$contains(x, text)',
  split: '$split(x, separator)',
  join: '$join(x, separator)',
  replace: '$replace(x, pattern, replacement)',
  replaceAll: '$replace(x, pattern, replacement)',
  slice: '$substring(x, start, length)',
  substring: '$substring(x, start, length)',
  toString: '$string(x)',
  toJsonString: '$string(x)',
  length: '$length(x) or $count(x)',
  map: '$map(x, function($v) { … })',
  filter: '$filter(x, function($v) { … })',
  reduce: '$reduce(x, function($a, $v) { … })',
  all: '$input.all or $node("Name").all (no parentheses)',
  first: '$first(x), or $input.first / $node("Name").first (no parentheses)',
  last: '$last(x), or $input.last / $node("Name").last (no parentheses)',
  format: '$formatDate(x, format) or $formatNumber(x, picture)',
  plus: '$dateAdd(x, amount, unit)',
  minus: '$dateSubtract(x, amount, unit)',
  beginningOf: '$startOf(x, unit)',
  extract: '$datePart(x, part)',
  toDateTime: '$toDate(x)',
  removeTags: '$stripHtml(x)',
  removeMarkdown: '$stripMarkdown(x)',
  removeDuplicates: '$unique(x)',
  toSnakeCase: '$snakeCase(x)',
  toTitleCase: '$titleCase(x)',
  toSentenceCase: '$sentenceCase(x)',
  round: '$roundTo(x, digits)',
};

/**
 * A sentence for `x.name()` written in JavaScript method style, which JSONata
 * does not have: it names the function to call instead, when there is one.
 */
export function methodHint(name: string, knownFunctions: ReadonlySet<string>): string {
  const suggestion = HINTS[name] ?? (knownFunctions.has(name) ? `$${name}(x)` : undefined);
  return suggestion
    ? `.${name}() is JavaScript method syntax; expressions call functions with the value first: ${suggestion}.`
    : `.${name}() is JavaScript method syntax; expressions call functions with the value first, such as $uppercase(x).`;
}
