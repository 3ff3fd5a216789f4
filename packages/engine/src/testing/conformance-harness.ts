import { FlowloomError } from '../errors/flowloom.error.js';
import type { Storage } from '../storage/storage.js';

/** The test functions of the host's runner: vitest's, mocha's (@web/test-runner), jest's... */
export interface TestFunctions {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
}

/** What `describeStorageAdapter` takes besides the factory. */
export interface StorageConformanceOptions extends Partial<TestFunctions> {
  /** Called after each test (default: `storage.close()` when the storage has it). */
  dispose?: (storage: Storage) => void | Promise<void>;
}

/** Creates a fresh, empty storage for one test. */
export type StorageFactory = () => Storage | Promise<Storage>;

/** Declares one test that gets a fresh storage and disposes of it afterwards. */
export type StorageTest = (name: string, body: (storage: Storage) => Promise<void>) => void;

/** Binds the runner's functions and the factory into `test(name, body)`. */
export function storageTest(create: StorageFactory, fns: TestFunctions, options: StorageConformanceOptions): StorageTest {
  const dispose = options.dispose ?? ((s: Storage) => s.close?.());
  return (name, body) => {
    fns.it(name, async () => {
      const storage = await create();
      try {
        await body(storage);
      } finally {
        await dispose(storage);
      }
    });
  };
}

/** A failed expectation, with what was expected and what came. Code `CONFORMANCE_FAILED`. */
export class ConformanceFailure extends FlowloomError {
  static override readonly kind: string = 'ConformanceFailure';

  constructor(message: string) {
    super('CONFORMANCE_FAILED', message);
    this.name = 'ConformanceFailure';
  }
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : v,
  );
}

/** Fails unless both values have the same JSON form (key order and undefined properties ignored). */
export function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const a = stable(actual);
  const e = stable(expected);
  if (a !== e) throw new ConformanceFailure(`${what}:\n  expected ${e}\n  got      ${a}`);
}

/** Fails unless `condition` holds. */
export function assertTrue(condition: unknown, what: string): void {
  if (!condition) throw new ConformanceFailure(what);
}

/** Fails unless the promise rejects; returns the rejection for further checks. */
export async function assertRejects(promise: Promise<unknown>, what: string): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new ConformanceFailure(`${what}: expected a rejection, but it resolved`);
}
