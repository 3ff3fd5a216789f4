import {
  CredentialError,
  CredentialValidationError,
  FlowloomError,
  formatPath,
  RetryError,
  TemplateError,
  VariableError,
  WorkflowValidationError,
  type Logger,
} from '@flowloom/engine';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { ApiError, invalidRequest, type RequestIssue } from '../errors/api.error.js';

/** Engine error codes and the HTTP status they answer with. */
const STATUS_OF_CODE: Record<string, number> = {
  NOT_FOUND: 404,
  CREDENTIAL_NOT_FOUND: 404,
  CREDENTIAL_EXISTS: 409,
  WEBHOOK_CONFLICT: 409,
  RETRY_UNAVAILABLE: 409,
  ACTIVATION_FAILED: 422,
  START_NODE_INVALID: 422,
  OAUTH2_FAILED: 422,
  OAUTH2_CONFIG_INVALID: 422,
  STORAGE_QUERY_INVALID: 400,
  STORAGE_CLOSED: 503,
  ENGINE_CLOSED: 503,
  ISOLATION_CLOSED: 503,
};

/**
 * Turns anything a route threw into the error the caller sees. API and
 * engine errors keep their code and message; anything else is a 500 that
 * says no more, and is logged.
 */
export function toApiError(error: unknown, logger: Logger): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof HTTPException) return fromHttpException(error);
  if (error instanceof WorkflowValidationError) {
    // A run's input items are checked by the engine too; their paths start at `input`.
    const isInput = error.issues.length > 0 && error.issues.every((i) => i.path[0] === 'input');
    return invalidRequest(
      error.issues.map((i) => ({ in: 'body', path: formatPath(i.path), message: i.message })),
      isInput ? 'INPUT_INVALID' : 'WORKFLOW_INVALID',
    );
  }
  if (error instanceof CredentialValidationError) {
    return invalidRequest(
      error.issues.map((i) => ({ in: 'body', path: i.path[0] === 'name' ? 'name' : formatPath(['data', ...i.path]), message: i.message })),
      'CREDENTIAL_INVALID',
    );
  }
  if (error instanceof TemplateError) {
    // A value for a placeholder: named by the placeholder's key under `values`.
    return new ApiError(400, error.code, error.message, {
      details: {
        issues: error.issues.map((i) => ({ in: 'body', path: formatPath(['values', ...i.path]), message: i.message })),
        placeholders: error.placeholders,
      },
    });
  }
  if (error instanceof VariableError) {
    // The key is checked by the route's path schema; what the engine refuses here is the value or its type.
    return new ApiError(400, error.code, error.message, { details: { issues: [{ in: 'body', path: 'value', message: error.message }] } });
  }
  if (error instanceof RetryError) return new ApiError(error.code === 'NOT_FOUND' ? 404 : 409, error.code, error.message);
  if (error instanceof CredentialError || error instanceof FlowloomError) {
    const status = STATUS_OF_CODE[error.code];
    if (status !== undefined) return new ApiError(status, error.code, error.message);
  }
  logger.error('A request failed with an unexpected error.', {
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  });
  return new ApiError(500, 'INTERNAL_ERROR', 'The server could not handle the request; the error was logged.');
}

function fromHttpException(error: HTTPException): ApiError {
  if (error.status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.');
  if (error.status === 415) {
    return new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the request body as JSON, with the header `content-type: application/json`.');
  }
  if (error.status === 400 && /JSON/i.test(error.message)) {
    return new ApiError(400, 'BAD_JSON', 'The request body is not valid JSON.', {
      details: { issues: [{ in: 'body', path: '(document)', message: 'is not valid JSON' }] },
    });
  }
  return new ApiError(error.status, `HTTP_${error.status}`, error.message || 'The request was refused.');
}

const PLACE: Record<string, RequestIssue['in']> = { json: 'body', form: 'body', query: 'query', param: 'path', header: 'header' };

/** A 400 for a request a route's zod schema refused, naming each bad field. */
export function fromZodError(target: string, error: ZodError): ApiError {
  const where = PLACE[target] ?? 'body';
  const issues: RequestIssue[] = error.issues.flatMap((issue) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ in: where, path: formatPath([...path, key]), message: 'is not a known field' }));
    }
    return [{ in: where, path: formatPath(path), message: issue.message }];
  });
  return invalidRequest(issues);
}
