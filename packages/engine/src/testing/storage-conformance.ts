import { OptionError } from '../errors/option.error.js';
import { checkOptions } from '../options/check-options.js';
import { executionConformance } from './conformance-executions.js';
import { executionQueryConformance } from './conformance-execution-queries.js';
import { keyValueConformance } from './conformance-key-value.js';
import { optionConformance } from './conformance-options.js';
import { runStateConformance } from './conformance-run-state.js';
import { storageTest, type StorageConformanceOptions, type StorageFactory, type TestFunctions } from './conformance-harness.js';
import { triggerStateConformance } from './conformance-trigger-state.js';
import { variableAndCredentialConformance } from './conformance-variables.js';
import { vectorConformance } from './conformance-vectors.js';
import { workflowConformance } from './conformance-workflows.js';

/**
 * Declares the storage conformance suite for an adapter: every behaviour of
 * the `Storage` contract (workflow versions, executions written node by node,
 * the run state saved with node runs, claiming a running execution,
 * queries, cursor pagination under concurrent inserts, variables, credential
 * blobs, polling triggers' state, key-value records and vector collections (when the adapter keeps them), tenant isolation, and pruning through an engine that deletes only in
 * the tenants it names). `create` must return a fresh, empty storage for
 * each test; it is closed afterwards (or passed to `options.dispose`).
 *
 * The suite brings its own assertions, so it runs under any runner: pass the
 * runner's `describe` and `it` (they are taken from globals when omitted,
 * as mocha and jest provide them).
 *
 * @example
 * import { describe, it } from 'vitest';
 * import { describeStorageAdapter } from '@flowloom/engine/testing';
 *
 * describeStorageAdapter('my adapter', () => createMyStorage(), { describe, it });
 */
export function describeStorageAdapter(name: string, create: StorageFactory, options: StorageConformanceOptions = {}): void {
  checkOptions('describeStorageAdapter', options, { describe: true, it: true, dispose: true });
  const globals = globalThis as unknown as Partial<TestFunctions>;
  const describe = options.describe ?? globals.describe;
  const it = options.it ?? globals.it;
  if (!describe || !it) {
    throw new OptionError(
      'OPTION_INVALID',
      'describeStorageAdapter',
      describe ? 'it' : 'describe',
      'describeStorageAdapter needs the test runner’s describe and it: pass them as options ({ describe, it }).',
    );
  }
  const fns: TestFunctions = { describe, it };
  const test = storageTest(create, fns, options);
  describe(`storage adapter conformance: ${name}`, () => {
    describe('workflows', () => workflowConformance(test));
    describe('executions', () => executionConformance(test));
    describe('run state and claims', () => runStateConformance(test));
    describe('execution queries', () => executionQueryConformance(test));
    describe('variables and credentials', () => variableAndCredentialConformance(test));
    describe('trigger state', () => triggerStateConformance(test));
    describe('key-value records', () => keyValueConformance(test));
    describe('vector collections', () => vectorConformance(test));
    describe('options', () => optionConformance(test));
  });
}
