import { FlowloomError } from '@flowloom/engine';

/** One problem with a request: where it is (`body`, `query`, `path`, `header`), the field's path, and a sentence. */
export interface RequestIssue {
  in: 'body' | 'query' | 'path' | 'header';
  /** The field, as `nodes[0].type`; `(document)` for the whole body. */
  path: string;
  message: string;
}

/**
 * An error the API answers with: an HTTP status and the JSON body
 * `{ error: { code, message, ...details } }`. `code` is stable for callers to
 * branch on; `message` says what was wrong, where, and what to do.
 */
export class ApiError extends FlowloomError {
  static override readonly kind: string = 'ApiError';
  readonly status: number;
  /** More fields of the error object: `issues`, `permission`... */
  readonly details: Readonly<Record<string, unknown>>;
  /** Response headers that go with the error (`www-authenticate`, `allow`...). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { details?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }

  /** The JSON body the caller receives. */
  body(): { error: { code: string; message: string } & Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

/** A 404 naming the kind of record and its id, the same whether the id is unknown or another tenant's. */
export function notFound(kind: string, id: string): ApiError {
  const code = `${kind.toUpperCase().replaceAll(' ', '_')}_NOT_FOUND`;
  return new ApiError(404, code, `There is no ${kind} '${id}'.`);
}

/** A 400 listing every problem of a request with its place. */
export function invalidRequest(issues: readonly RequestIssue[], code = 'REQUEST_INVALID'): ApiError {
  const shown = issues.slice(0, 20).map((i) => `${i.in} ${i.path}: ${i.message}`);
  const more = issues.length > shown.length ? `; and ${issues.length - shown.length} more` : '';
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return new ApiError(400, code, `The request is not valid (${count}): ${shown.join('; ')}${more}.`, { details: { issues } });
}
