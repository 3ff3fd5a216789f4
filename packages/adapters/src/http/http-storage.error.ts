import { StorageError, WorkflowValidationError, type StorageErrorCode, type ValidationIssue } from '@flowloom/engine';

/** One bad field of a refused request, as the server names it (`in: 'body', path: 'nodes[0].type'`). */
export interface ServerIssue {
  in: 'body' | 'query' | 'path' | 'header';
  path: string;
  message: string;
}

/**
 * A call to the Flowloom server failed: it refused the call (401, 403, 4xx),
 * failed (5xx), or could not be reached. `code` is a storage error code;
 * `serverCode` and `serverMessage` are the server's own (`WORKFLOW_NOT_FOUND`,
 * "There is no workflow 'wf-1'."), and `issues` the fields it named.
 */
export class HttpStorageError extends StorageError {
  static override readonly kind: string = 'HttpStorageError';
  /** The HTTP status, or undefined when no answer came. */
  readonly status: number | undefined;
  /** The server's `error.code`. */
  readonly serverCode: string | undefined;
  /** The server's `error.message`, for people. */
  readonly serverMessage: string | undefined;
  /** Each field the server refused. */
  readonly issues: readonly ServerIssue[];

  constructor(
    code: StorageErrorCode,
    message: string,
    options: { status?: number; serverCode?: string; serverMessage?: string; issues?: readonly ServerIssue[]; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.name = 'HttpStorageError';
    this.status = options.status;
    this.serverCode = options.serverCode;
    this.serverMessage = options.serverMessage;
    this.issues = options.issues ?? [];
  }
}

/** The storage code a status means: refused (4xx), closed (503, the server is stopping), or failed. */
function codeOf(status: number, serverCode: string | undefined): StorageErrorCode {
  if (serverCode === 'STORAGE_QUERY_INVALID') return 'STORAGE_QUERY_INVALID';
  if (status === 503) return 'STORAGE_CLOSED';
  if (status >= 400 && status < 500) return 'STORAGE_REFUSED';
  return 'STORAGE_FAILED';
}

/**
 * The error a failed answer stands for. A workflow or run input the server
 * refused becomes the engine's `WorkflowValidationError`, whose issues carry
 * the paths the server named (`nodes[0].type` as `['nodes', 0, 'type']`);
 * anything else an `HttpStorageError`.
 */
export async function errorFromAnswer(method: string, path: string, response: Response, body?: string): Promise<Error> {
  const text = body ?? (await response.text().catch(() => ''));
  let error: { code?: unknown; message?: unknown; issues?: unknown } | undefined;
  try {
    error = (JSON.parse(text) as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  const serverCode = typeof error?.code === 'string' ? error.code : undefined;
  const serverMessage = typeof error?.message === 'string' ? error.message : undefined;
  const issues = Array.isArray(error?.issues) ? (error.issues as ServerIssue[]).filter(isIssue) : [];
  if ((serverCode === 'WORKFLOW_INVALID' || serverCode === 'INPUT_INVALID') && issues.length > 0) {
    return new WorkflowValidationError(issues.map(toValidationIssue), serverCode === 'INPUT_INVALID' ? 'Run input' : 'Workflow');
  }
  const said = serverMessage ?? (text.trim().slice(0, 200) || response.statusText || 'no reason given');
  const retry =
    response.status === 429 && response.headers.get('retry-after') ? ` Retry after ${response.headers.get('retry-after')} s.` : '';
  return new HttpStorageError(
    codeOf(response.status, serverCode),
    `The Flowloom server refused ${method} ${path} (${response.status}${serverCode ? ` ${serverCode}` : ''}): ${said}${retry}`,
    {
      status: response.status,
      ...(serverCode !== undefined ? { serverCode } : {}),
      ...(serverMessage !== undefined ? { serverMessage } : {}),
      issues,
    },
  );
}

/** The error of a call that got no answer (no network, refused connection, bad host). */
export function unreachable(method: string, url: string, cause: unknown): HttpStorageError {
  const detail =
    cause instanceof Error ? [cause.message, (cause.cause as Error | undefined)?.message].filter(Boolean).join(': ') : String(cause);
  return new HttpStorageError('STORAGE_FAILED', `Could not reach the Flowloom server for ${method} ${url}: ${detail}.`, { cause });
}

function isIssue(value: unknown): value is ServerIssue {
  const v = value as ServerIssue | null;
  return typeof v === 'object' && v !== null && typeof v.path === 'string' && typeof v.message === 'string';
}

function toValidationIssue(issue: ServerIssue): ValidationIssue {
  return { code: 'server', path: parsePath(issue.path), message: issue.message };
}

/** `nodes[0].parameters["a b"]` as `['nodes', 0, 'parameters', 'a b']`; `(document)` as `[]`. */
export function parsePath(path: string): (string | number)[] {
  if (path === '(document)' || path === '') return [];
  const out: (string | number)[] = [];
  const re = /([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\./gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < path.length && (match = re.exec(path))) {
    at = re.lastIndex;
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else if (match[3] !== undefined) out.push(JSON.parse(match[3]) as string);
  }
  // A path written some other way is kept whole rather than guessed at.
  return at === path.length ? out : [path];
}
