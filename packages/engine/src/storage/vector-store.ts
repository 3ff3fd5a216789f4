import { StorageError } from './storage.error.js';

/** One text to keep in a vector collection, with its embedding. */
export interface VectorRecordInput {
  /** The text the vector was made from; given back by searches. */
  text: string;
  /** Plain JSON kept with the text (the item's other fields, a source, a page). */
  metadata: Record<string, unknown>;
  /** The embedding: finite numbers, the same length for every record of a collection. */
  vector: readonly number[];
}

/** A stored text found by a search. */
export interface VectorMatch {
  id: string;
  text: string;
  metadata: Record<string, unknown>;
  /** Cosine similarity to the query, from -1 to 1 (0 for a zero vector). */
  score: number;
}

/**
 * Texts with their embeddings, per tenant and collection, for similarity
 * search (an AI vector store, retrieval for an agent). Searches rank by
 * cosine similarity, closest first, and records of equal score by the order
 * they were inserted. A collection holds vectors of one length: inserting or
 * searching with another is refused with a `StorageError` naming both.
 * Optional in `Storage`: an adapter without it runs every workflow whose
 * nodes keep no vectors.
 */
export interface VectorStore {
  /** Adds records to a collection; returns their ids, in order. */
  insert(tenantId: string, collection: string, records: readonly VectorRecordInput[]): Promise<string[]>;
  /** The `topK` records of a collection closest to `vector`; empty for a collection with none. */
  search(tenantId: string, collection: string, vector: readonly number[], topK: number): Promise<VectorMatch[]>;
  /** Deletes the records with these ids, or the whole collection when `ids` is omitted; how many went. */
  delete(tenantId: string, collection: string, ids?: readonly string[]): Promise<number>;
  /** How many records a collection holds. */
  count(tenantId: string, collection: string): Promise<number>;
}

/** The longest embedding a store takes (the largest models give 3,072 to 4,096 numbers). */
export const MAX_VECTOR_LENGTH = 16_384;

/** Throws a `StorageError` for a vector that is not a non-empty array of finite numbers. */
export function checkVector(vector: readonly number[], where: string): void {
  if (!Array.isArray(vector) || vector.length === 0 || vector.length > MAX_VECTOR_LENGTH) {
    throw new StorageError(
      'STORAGE_INVALID',
      `${where}: a vector must be an array of 1 to ${MAX_VECTOR_LENGTH} numbers (got ${Array.isArray(vector) ? `${vector.length} numbers` : typeof vector}).`,
    );
  }
  for (let i = 0; i < vector.length; i++) {
    if (typeof vector[i] !== 'number' || !Number.isFinite(vector[i])) {
      throw new StorageError('STORAGE_INVALID', `${where}: vector[${i}] is ${String(vector[i])}, not a finite number.`);
    }
  }
}

/** Checks a batch of records: vectors valid and all of one length; returns that length. */
export function checkVectorRecords(records: readonly VectorRecordInput[], collection: string): number {
  let length = 0;
  records.forEach((record, i) => {
    if (typeof record.text !== 'string') throw new StorageError('STORAGE_INVALID', `records[${i}].text must be a string.`);
    checkVector(record.vector, `records[${i}] of collection '${collection}'`);
    if (length !== 0 && record.vector.length !== length) {
      throw new StorageError(
        'STORAGE_INVALID',
        `records[${i}] of collection '${collection}' has ${record.vector.length} numbers where records[0] has ${length}; a collection holds vectors of one length.`,
      );
    }
    length = record.vector.length;
  });
  return length;
}

/** The error for a vector whose length differs from the collection's. */
export function vectorLengthError(collection: string, expected: number, got: number, what: string): StorageError {
  return new StorageError(
    'STORAGE_INVALID',
    `collection '${collection}' holds vectors of ${expected} numbers; the ${what} has ${got}. Use the same embedding model for a collection, or another collection.`,
  );
}

/** The Euclidean norm of a vector. */
export function vectorNorm(vector: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  return Math.sqrt(sum);
}

/** Cosine similarity from two vectors of one length and their norms; 0 when either is the zero vector. */
export function cosineFromNorms(a: ArrayLike<number>, normA: number, b: ArrayLike<number>, normB: number): number {
  if (normA === 0 || normB === 0) return 0;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / (normA * normB);
}

/**
 * Keeps the `topK` best of scored records as they stream by: a small sorted
 * array, so a search over a large collection holds `topK` records, not all.
 * Ties keep the earlier record first.
 */
export class TopVectorMatches<T extends { score: number }> {
  readonly #k: number;
  readonly #best: T[] = [];
  constructor(k: number) {
    this.#k = k;
  }
  /** Whether a record of this score would be kept (so a caller can skip decoding it). */
  wants(score: number): boolean {
    return this.#best.length < this.#k || score > this.#best[this.#best.length - 1]!.score;
  }
  add(entry: T): void {
    if (!this.wants(entry.score)) return;
    let at = this.#best.length;
    while (at > 0 && this.#best[at - 1]!.score < entry.score) at--;
    this.#best.splice(at, 0, entry);
    if (this.#best.length > this.#k) this.#best.pop();
  }
  result(): T[] {
    return this.#best;
  }
}

/** Throws for a `topK` that is not a whole number from 1 to 1,000. */
export function checkVectorTopK(topK: number): void {
  if (!Number.isInteger(topK) || topK < 1 || topK > 1000) {
    throw new StorageError('STORAGE_INVALID', `topK must be a whole number from 1 to 1,000 (got ${String(topK)}).`);
  }
}
