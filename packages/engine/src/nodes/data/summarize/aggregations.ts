import { valueComparer } from '../shared/compare-values.js';
import { stableKey } from '../shared/stable-key.js';

/** The aggregations Summarize offers. */
export const AGGREGATIONS = ['sum', 'average', 'min', 'max', 'count', 'countUnique', 'concatenate', 'append'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Running state of one aggregation over one group. */
export interface Accumulator {
  /** Adds a present value; returns a problem description when the value cannot be used. */
  add(value: unknown): string | undefined;
  result(): unknown;
}

const compare = valueComparer('codePoint');

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

const notNumber = (value: unknown) =>
  `holds ${typeof value === 'string' ? `the text ${JSON.stringify(value)}` : Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}, which is not a number`;

/** A fresh accumulator for an aggregation. */
export function accumulator(kind: Aggregation, separator: string): Accumulator {
  switch (kind) {
    case 'sum':
    case 'average': {
      let sum = 0;
      let count = 0;
      return {
        add(value) {
          const n = toNumber(value);
          if (n === undefined) return notNumber(value);
          sum += n;
          count++;
          return undefined;
        },
        result: () => (kind === 'sum' ? sum : count === 0 ? null : sum / count),
      };
    }
    case 'min':
    case 'max': {
      let best: unknown;
      return {
        add(value) {
          const v = toNumber(value) ?? value;
          if (best === undefined || (kind === 'min' ? compare(v, best) < 0 : compare(v, best) > 0)) best = v;
          return undefined;
        },
        result: () => best ?? null,
      };
    }
    case 'count': {
      let count = 0;
      return {
        add() {
          count++;
          return undefined;
        },
        result: () => count,
      };
    }
    case 'countUnique': {
      const seen = new Set<string>();
      return {
        add(value) {
          seen.add(stableKey(value));
          return undefined;
        },
        result: () => seen.size,
      };
    }
    case 'concatenate': {
      const parts: string[] = [];
      return {
        add(value) {
          parts.push(typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
          return undefined;
        },
        result: () => parts.join(separator),
      };
    }
    case 'append': {
      const list: unknown[] = [];
      return {
        add(value) {
          list.push(value);
          return undefined;
        },
        result: () => list,
      };
    }
  }
}
