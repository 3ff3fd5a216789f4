import { argError, arr, num } from './args.js';
import { fn, type LibraryFunction } from './function-spec.js';

function numbers(fnName: string, value: unknown): number[] {
  return arr(value).map((v, i) => num(fnName, v, `element ${i}`));
}

function percentile(fnName: string, value: unknown, p: number): number | undefined {
  const sorted = numbers(fnName, value).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  if (p < 0 || p > 100) argError(fnName, 'the percentile must be between 0 and 100.');
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Number and math functions. */
export const mathFunctions: LibraryFunction[] = [
  fn(
    '$roundTo',
    '$roundTo(number, digits?)',
    'math',
    'Rounds half away from zero to `digits` decimal places (default 0); negative digits round to tens, hundreds...',
    '$roundTo(2.345, 2)',
    '2.35',
    (_, v, d) => {
      const n = num('$roundTo', v, 'the number');
      const digits = d === undefined ? 0 : num('$roundTo', d, 'the digits');
      const factor = 10 ** digits;
      const shifted = Number((Math.abs(n) * factor).toPrecision(15));
      return (Math.sign(n) * Math.round(shifted)) / factor;
    },
  ),
  fn(
    '$clamp',
    '$clamp(number, min, max)',
    'math',
    'The number limited to the range [min, max].',
    '$clamp(150, 0, 100)',
    '100',
    (_, v, lo, hi) =>
      Math.min(num('$clamp', hi, 'the maximum'), Math.max(num('$clamp', lo, 'the minimum'), num('$clamp', v, 'the number'))),
  ),
  fn(
    '$median',
    '$median(numbers)',
    'math',
    'The middle value of the numbers (the mean of the two middle ones for an even count).',
    '$median([3, 1, 4, 1, 5])',
    '3',
    (_, v) => percentile('$median', v, 50),
  ),
  fn(
    '$percentile',
    '$percentile(numbers, p)',
    'math',
    'The p-th percentile (0-100) of the numbers, interpolating between neighbours.',
    '$percentile([1, 2, 3, 4, 5], 90)',
    '4.6',
    (_, v, p) => percentile('$percentile', v, num('$percentile', p, 'the percentile')),
  ),
  fn(
    '$isEven',
    '$isEven(number)',
    'math',
    'Whether the number is an even whole number.',
    '$isEven(4)',
    'true',
    (_, v) => num('$isEven', v, 'the number') % 2 === 0,
  ),
  fn(
    '$isOdd',
    '$isOdd(number)',
    'math',
    'Whether the number is an odd whole number.',
    '$isOdd(7)',
    'true',
    (_, v) => Math.abs(num('$isOdd', v, 'the number') % 2) === 1,
  ),
  fn(
    '$isInteger',
    '$isInteger(number)',
    'math',
    'Whether the value is a whole number.',
    '$isInteger(4.0)',
    'true',
    (_, v) => typeof v === 'number' && Number.isInteger(v),
  ),
];
