import { describe, it } from 'vitest';
import { describeStorageAdapter } from '../../testing/storage-conformance.js';
import { createMemoryStorage } from './memory-storage.js';

describeStorageAdapter('memory', () => createMemoryStorage(), { describe, it });
