const BRAND = Symbol.for('flowloom.error');

/**
 * Root of every error the engine throws or records. `code` is stable and safe
 * to branch on; `message` is a sentence for the person reading it.
 *
 * `instanceof` works across copies of the library (two bundles of the engine
 * in one page) because it checks a `Symbol.for` brand, not the prototype chain.
 */
// eslint-disable-next-line no-restricted-syntax -- the root of the engine's error classes
export class FlowloomError extends Error {
  /** Stable, machine-readable code such as `WORKFLOW_INVALID` or `NODE_FAILED`. */
  readonly code: string;

  /** The brand each class adds to its instances; subclasses set their own. */
  static readonly kind: string = 'FlowloomError';

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'FlowloomError';
    const kinds: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'kind')) kinds.push((c as unknown as { kind: string }).kind);
    }
    Object.defineProperty(this, BRAND, { value: kinds });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    const kinds = (value as { [BRAND]?: unknown })[BRAND];
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  /** A plain-data view of the error, safe to store or send over a wire. */
  toJSON(): SerializedError {
    return { name: this.name, code: this.code, message: this.message };
  }
}

/** The shape in which errors are stored in execution records. */
export interface SerializedError {
  name: string;
  code: string;
  message: string;
  /** The node the error happened in, when there is one. */
  node?: { id: string; name: string };
  /** Extra data a node attached (HTTP status, response body...). */
  details?: unknown;
}
