import type { z } from 'zod';
import { describeValue } from '../errors/describe-value.js';
import type { ValidationIssue } from '../errors/workflow-validation.error.js';

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  record: 'an object',
  null: 'null',
  undefined: 'nothing',
  nonoptional: 'a value',
};

type ZodIssue = z.core.$ZodIssue;

function sentence(issue: ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = ARTICLE[issue.expected] ?? issue.expected;
      if (input === undefined) return `is required (expected ${expected})`;
      return `expected ${expected}, got ${describeValue(input)}`;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((k) => JSON.stringify(k)).join(', ');
      return issue.keys.length === 1
        ? `unknown property ${keys}: remove it or check its spelling`
        : `unknown properties ${keys}: remove them or check their spelling`;
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return issue.values.length === 1 && !issue.message.startsWith('Invalid input')
        ? issue.message
        : `expected ${issue.values.length === 1 ? values : `one of ${values}`}, got ${describeValue(input)}`;
    }
    case 'too_small':
    case 'too_big': {
      // Messages written in our schemas are already sentences; zod's defaults start with "Too".
      if (!issue.message.startsWith('Too')) return issue.message;
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      const bound =
        issue.code === 'too_small'
          ? inclusive
            ? `at least ${limit}`
            : `greater than ${limit}`
          : inclusive
            ? `at most ${limit}`
            : `less than ${limit}`;
      if (issue.origin === 'string') return `must have ${bound} characters, got ${describeValue(input)}`;
      if (issue.origin === 'array' || issue.origin === 'set') return `must have ${bound} items`;
      return `expected a number ${bound}, got ${describeValue(input)}`;
    }
    default: {
      // Messages written in our schemas are already sentences; zod's own get the value appended.
      const msg = issue.message;
      return input !== undefined && /^(Too|Invalid)/.test(msg) ? `${msg} (got ${describeValue(input)})` : msg;
    }
  }
}

/** Converts zod issues to validation issues with sentences, under a path prefix. */
export function fromZodIssues(issues: readonly ZodIssue[], prefix: (string | number)[] = []): ValidationIssue[] {
  return issues.map((issue) => ({
    code: issue.code,
    path: [...prefix, ...issue.path.map((k) => (typeof k === 'symbol' ? String(k) : k))],
    message: sentence(issue),
  }));
}
