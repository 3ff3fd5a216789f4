// The engine and zod's schema builders for pages without a bundler, sharing
// chunks with the browser build of the editor (dist/browser/engine.js).
import {
  any,
  array,
  boolean,
  enum as zodEnum,
  int,
  literal,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  union,
  unknown,
} from 'zod';

export { createEngine, defineNode, parseWorkflow } from '@flowloom/engine';

/**
 * The zod builders a node type's parameter schema usually needs. Listed one by
 * one rather than re-exporting zod's `z` namespace, which would pull in every
 * error-message locale zod ships.
 */
export const z = { any, array, boolean, enum: zodEnum, int, literal, nullable, number, object, optional, record, string, union, unknown };
