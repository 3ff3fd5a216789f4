import { z } from '@hono/zod-openapi';
import { workflowSchema } from '@flowloom/engine';

// Request bodies and response records of the API. Workflow documents and items are the engine's own
// schemas; the other records have no zod schema in the engine and are described here.

/** The error body every failure answers with. */
export const ErrorSchema = z
  .object({
    error: z
      .object({
        code: z.string().openapi({ example: 'WORKFLOW_NOT_FOUND' }),
        message: z.string().openapi({ example: "There is no workflow 'wf-1'." }),
        permission: z.string().optional().openapi({ description: 'On 403: the permission the caller lacks.' }),
        issues: z
          .array(z.object({ in: z.enum(['body', 'query', 'path', 'header']), path: z.string(), message: z.string() }))
          .optional()
          .openapi({ description: 'On 400: each bad field and what is wrong with it.' }),
      })
      .passthrough(),
  })
  .openapi('Error');

/** A workflow document as stored and returned. */
export const WorkflowSchema = workflowSchema.meta({ id: 'Workflow' });

/** A workflow document as sent: `id` and `schemaVersion` may be left out. */
export const WorkflowInputSchema = workflowSchema.partial({ id: true, schemaVersion: true }).meta({ id: 'WorkflowInput' });

export const WorkflowSummarySchema = z
  .object({ id: z.string(), name: z.string(), updatedAt: z.string(), version: z.number().int(), active: z.boolean() })
  .openapi('WorkflowSummary');

export const WorkflowVersionSchema = z
  .object({ workflowId: z.string(), version: z.number().int(), name: z.string(), savedAt: z.string() })
  .openapi('WorkflowVersion');

const EXECUTION_STATUS = ['running', 'success', 'error', 'canceled', 'waiting', 'crashed'] as const;
const EXECUTION_MODE = ['manual', 'webhook', 'schedule', 'trigger', 'subworkflow', 'retry'] as const;

const SerializedErrorSchema = z
  .object({ name: z.string(), code: z.string(), message: z.string(), node: z.object({ id: z.string(), name: z.string() }).optional() })
  .passthrough();

const ExecutionSummarySchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    tenantId: z.string(),
    status: z.enum(EXECUTION_STATUS),
    mode: z.enum(EXECUTION_MODE),
    startedAt: z.string(),
    finishedAt: z.string().optional(),
    error: SerializedErrorSchema.optional(),
    retryOf: z.string().optional(),
  })
  .passthrough()
  .openapi('ExecutionSummary');

export const ExecutionSchema = ExecutionSummarySchema.extend({
  nodes: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))).openapi({ description: 'Node id -> its runs in order.' }),
}).openapi('Execution');

export const ExecutionPageSchema = z
  .object({ items: z.array(ExecutionSummarySchema), nextCursor: z.string().optional() })
  .openapi('ExecutionPage');

/** A comma-separated list in a query parameter, each entry one of `values`. */
const listOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter((v) => v !== ''))
    .pipe(z.array(z.enum(values)));

/** The execution filters the storage supports, from the query string. */
export const ExecutionQuerySchema = z
  .object({
    workflowId: z
      .string()
      .transform((s) => s.split(',').filter((v) => v !== ''))
      .optional()
      .openapi({ description: 'One workflow id or several, comma-separated.' }),
    status: listOf(EXECUTION_STATUS)
      .optional()
      .openapi({ description: `Comma-separated: ${EXECUTION_STATUS.join(', ')}.` }),
    mode: listOf(EXECUTION_MODE)
      .optional()
      .openapi({ description: `Comma-separated: ${EXECUTION_MODE.join(', ')}.` }),
    startedFrom: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started at or after (ISO 8601).' }),
    startedTo: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started strictly before (ISO 8601).' }),
    minDurationMs: z.coerce.number().int().nonnegative().optional(),
    maxDurationMs: z.coerce.number().int().nonnegative().optional(),
    errorContains: z.string().min(1).optional(),
    retryOf: z.string().min(1).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: z.string().min(1).optional(),
  })
  .strict();

export const RunRequestSchema = z
  .object({
    input: z
      .array(z.record(z.string(), z.unknown()))
      .optional()
      .openapi({ description: 'Items for the trigger: `{ "json": {...} }`, or plain objects, each of which becomes an item.' }),
    vars: z.record(z.string(), z.unknown()).optional().openapi({ description: 'Variables for this run, over the stored ones.' }),
    async: z.boolean().optional().openapi({ description: 'Answer 202 with the execution id at once instead of the finished execution.' }),
    timeoutMs: z.number().int().positive().optional(),
    startNode: z.string().min(1).optional(),
  })
  .strict()
  .openapi('RunRequest');

export const RunStartedSchema = z.object({ executionId: z.string() }).openapi('RunStarted');

export const ActivationSchema = z
  .object({
    workflowId: z.string(),
    webhooks: z.array(z.object({ method: z.string(), path: z.string(), nodeId: z.string() })),
    schedules: z.array(z.object({ nodeId: z.string(), rule: z.record(z.string(), z.unknown()) })),
    polls: z.array(z.object({ nodeId: z.string(), intervalMs: z.number() })),
  })
  .openapi('Activation');

export const CredentialSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    data: z.record(z.string(), z.unknown()).openapi({ description: 'Secret fields are masked as `__redacted__`.' }),
    sharing: z.object({ workflows: z.array(z.string()).optional(), tenants: z.array(z.string()).optional() }),
    oauth2: z.object({ connected: z.boolean(), expiresAt: z.string().optional(), scope: z.string().optional() }).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Credential');

const SharingSchema = z
  .object({ workflows: z.array(z.string().min(1)).optional(), tenants: z.array(z.string().min(1)).optional() })
  .strict();

export const CredentialInputSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    name: z.string().min(1).max(200),
    type: z.string().min(1),
    data: z.record(z.string(), z.unknown()),
    sharing: SharingSchema.optional(),
  })
  .strict()
  .openapi('CredentialInput');

export const CredentialUpdateSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    data: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: 'Fields left out, or sent as `__redacted__`, keep their value.' }),
    sharing: SharingSchema.optional(),
  })
  .strict()
  .openapi('CredentialUpdate');

export const CredentialTestSchema = z
  .object({
    ok: z.boolean(),
    status: z.number().int().optional(),
    message: z.string(),
    connectFirst: z
      .boolean()
      .optional()
      .openapi({ description: 'An OAuth2 credential not connected yet: save and connect it, then test.' }),
    reconnect: z.boolean().optional().openapi({ description: 'The OAuth2 grant is gone: the account must be connected again.' }),
  })
  .openapi('CredentialTestResult');

export const CredentialDraftSchema = z
  .object({
    type: z.string().min(1),
    name: z.string().max(200).optional(),
    data: z.record(z.string(), z.unknown()),
    id: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'The saved credential the form edits: its secrets left out or masked keep their saved values.' }),
  })
  .strict()
  .openapi('CredentialDraft');

export const VariableSchema = z
  .object({
    key: z.string(),
    type: z.enum(['string', 'number', 'boolean', 'json']),
    value: z.unknown(),
    workflowId: z.string().optional(),
    updatedAt: z.string(),
  })
  .openapi('Variable');

export const VariableInputSchema = z
  .object({ value: z.unknown(), type: z.enum(['string', 'number', 'boolean', 'json']).optional() })
  .strict()
  .openapi('VariableInput');

export const WebhookRegistrationSchema = z
  .object({ workflowId: z.string(), nodeId: z.string(), method: z.string(), path: z.string(), url: z.string() })
  .openapi('WebhookRegistration');

export const ApiKeySchema = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    name: z.string(),
    role: z.string(),
    permissions: z.array(z.string()).optional(),
    prefix: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().optional(),
  })
  .openapi('ApiKey');

export const ApiKeyInputSchema = z
  .object({
    name: z.string().min(1).max(200),
    role: z.string().min(1),
    permissions: z.array(z.string()).optional().openapi({ description: 'Narrows the role: the key may do only what both allow.' }),
  })
  .strict()
  .openapi('ApiKeyInput');

/** An id in the path. */
export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** The standard error answers every route may give. */
export function errorResponses(...statuses: (400 | 404 | 409 | 413 | 422)[]) {
  const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });
  const responses: Record<number, ReturnType<typeof error>> = {
    401: error('No valid API key or embed token.'),
    403: error('The caller lacks the permission the route requires (named in `error.permission`), or the policy denied it.'),
  };
  const texts = {
    400: 'The request is not valid: `error.issues` names each bad field.',
    404: 'No such record in the caller’s tenant.',
    409: 'The request conflicts with the record’s state.',
    413: 'The request body is too large.',
    422: 'The request is well-formed but cannot be carried out.',
  };
  for (const s of statuses) responses[s] = error(texts[s]);
  return responses;
}

/** A JSON response. */
export function jsonResponse(description: string, schema: z.ZodType) {
  return { description, content: { 'application/json': { schema } } };
}
