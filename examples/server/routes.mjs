// @ts-check
// The JSON API: workflows, runs, executions and activation, every call scoped
// to the tenant of the request.
import { randomUUID } from 'node:crypto';
import { formatPath, listExecutionPage } from '@flowloom/engine';
import { HttpError, readJson, sendJson } from './http-io.mjs';

/**
 * @typedef {import('@flowloom/engine').Engine} Engine
 * @typedef {import('@flowloom/engine').Workflow} Workflow
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {{ req: IncomingMessage, res: ServerResponse, url: URL, params: Record<string, string>, tenantId: string }} RouteContext
 * @typedef {(ctx: RouteContext) => Promise<void>} RouteHandler
 */

/**
 * What the routes need from the server.
 * @typedef {object} ApiDeps
 * @property {Engine} engine its `limits.maxExecutionTimeoutMs` caps every run's deadline
 * @property {number} maxBodyBytes largest JSON body accepted
 */

/**
 * Builds the API's route table.
 * @param {ApiDeps} deps
 * @returns {{ method: string, pattern: string, handler: RouteHandler }[]}
 */
export function apiRoutes(deps) {
  const { engine, maxBodyBytes } = deps;
  const { storage } = engine;
  /** Activation summaries of the active workflows, per tenant. */
  /** @type {Map<string, Map<string, import('@flowloom/engine').ActivationSummary>>} */
  const active = new Map();
  const activeOf = (/** @type {string} */ tenantId) => {
    let map = active.get(tenantId);
    if (!map) active.set(tenantId, (map = new Map()));
    return map;
  };

  /** Runs started through this API and still going, by `tenant/executionId`. */
  /** @type {Map<string, AbortController>} */
  const cancelable = new Map();

  /** @param {string} tenantId @param {string} id */
  const storedWorkflow = async (tenantId, id) => {
    const workflow = await storage.workflows.get(tenantId, id);
    if (!workflow) throw new HttpError(404, 'WORKFLOW_NOT_FOUND', `There is no workflow '${id}' for tenant '${tenantId}'.`);
    return workflow;
  };

  /** @param {string} tenantId @param {Workflow | string} workflow */
  const activate = async (tenantId, workflow) => {
    const summary = await engine.activate(workflow, { tenantId });
    activeOf(tenantId).set(summary.workflowId, summary);
    return summary;
  };

  /** Validates and saves a document; a workflow that is active serves its new version at once. */
  const save = async (/** @type {RouteContext} */ { req, res, tenantId }, /** @type {string | undefined} */ idFromPath) => {
    const body = await readJson(req, maxBodyBytes);
    if (!isObject(body)) throw new HttpError(400, 'BODY_REQUIRED', 'The request body must be a workflow document (a JSON object).');
    if (idFromPath !== undefined && body.id !== undefined && body.id !== idFromPath) {
      throw new HttpError(400, 'ID_MISMATCH', `The document's id '${String(body.id)}' differs from '${idFromPath}' in the URL.`);
    }
    const result = engine.validate({ schemaVersion: 1, ...body, id: body.id ?? idFromPath ?? randomUUID() });
    if (!result.success) throw invalid('WORKFLOW_INVALID', 'The workflow is not valid', result.error.issues);
    const workflow = result.workflow;
    // Activate first: a trigger problem or a webhook conflict then changes nothing.
    const wasActive = activeOf(tenantId).has(workflow.id);
    if (wasActive) await activate(tenantId, workflow);
    const saved = await storage.workflows.save(tenantId, workflow);
    sendJson(res, idFromPath === undefined ? 201 : 200, { workflow: saved, active: wasActive });
  };

  return [
    {
      method: 'GET',
      pattern: '/workflows',
      handler: async ({ res, tenantId }) => sendJson(res, 200, { workflows: await storage.workflows.list(tenantId) }),
    },
    { method: 'POST', pattern: '/workflows', handler: (ctx) => save(ctx, undefined) },
    {
      method: 'GET',
      pattern: '/workflows/:id',
      handler: async ({ res, tenantId, params }) => sendJson(res, 200, await storedWorkflow(tenantId, params.id ?? '')),
    },
    { method: 'PUT', pattern: '/workflows/:id', handler: (ctx) => save(ctx, ctx.params.id) },
    {
      method: 'DELETE',
      pattern: '/workflows/:id',
      handler: async ({ res, tenantId, params }) => {
        const id = params.id ?? '';
        engine.deactivate(id, { tenantId });
        activeOf(tenantId).delete(id);
        if (!(await storage.workflows.delete(tenantId, id))) await storedWorkflow(tenantId, id);
        sendJson(res, 204, undefined);
      },
    },
    {
      method: 'POST',
      pattern: '/workflows/:id/run',
      handler: async ({ req, res, tenantId, params }) => {
        const workflow = await storedWorkflow(tenantId, params.id ?? '');
        const body = (await readJson(req, maxBodyBytes)) ?? {};
        if (!isObject(body)) throw new HttpError(400, 'BODY_INVALID', 'The request body must be a JSON object such as {"input": [...]}.');
        const input = runInput(body.input);
        if (body.vars !== undefined && !isObject(body.vars)) {
          throw invalid('INPUT_INVALID', 'The run request is not valid', [
            { code: 'invalid_type', path: ['vars'], message: 'must be an object' },
          ]);
        }
        // The run can be stopped with POST /executions/:id/cancel once it has started.
        const controller = new AbortController();
        /** @type {string | undefined} */
        let key;
        try {
          const execution = await engine.run(workflow, {
            tenantId,
            mode: 'manual',
            signal: controller.signal,
            onEvent: (event) => {
              if (event.type !== 'executionStart') return;
              key = `${tenantId}/${event.execution.id}`;
              cancelable.set(key, controller);
            },
            ...(input ? { input } : {}),
            ...(body.vars ? { vars: /** @type {Record<string, unknown>} */ (body.vars) } : {}),
          });
          sendJson(res, 200, execution);
        } finally {
          if (key !== undefined) cancelable.delete(key);
        }
      },
    },
    {
      method: 'POST',
      pattern: '/workflows/:id/activate',
      handler: async ({ res, tenantId, params }) => {
        await storedWorkflow(tenantId, params.id ?? '');
        sendJson(res, 200, await activate(tenantId, params.id ?? ''));
      },
    },
    {
      method: 'POST',
      pattern: '/workflows/:id/deactivate',
      handler: async ({ res, tenantId, params }) => {
        const id = params.id ?? '';
        await storedWorkflow(tenantId, id);
        engine.deactivate(id, { tenantId });
        sendJson(res, 200, { workflowId: id, wasActive: activeOf(tenantId).delete(id) });
      },
    },
    {
      method: 'GET',
      pattern: '/webhooks',
      handler: async ({ res, tenantId }) => sendJson(res, 200, { active: [...activeOf(tenantId).values()] }),
    },
    {
      method: 'POST',
      pattern: '/webhooks/activate',
      handler: async ({ res, tenantId }) => {
        const activated = [];
        const failed = [];
        for (const summary of await storage.workflows.list(tenantId)) {
          const workflow = await storage.workflows.get(tenantId, summary.id);
          if (!workflow?.nodes.some((n) => n.type === 'core.webhook' && !n.disabled)) continue;
          try {
            activated.push(await activate(tenantId, workflow));
          } catch (error) {
            const { code = 'ACTIVATION_FAILED', message } = /** @type {{ code?: string, message: string }} */ (error);
            failed.push({ workflowId: workflow.id, error: { code, message } });
          }
        }
        sendJson(res, 200, { activated, failed });
      },
    },
    {
      method: 'GET',
      pattern: '/executions',
      handler: async ({ res, tenantId, url }) => {
        const page = await listExecutionPage(storage.executions, tenantId, executionQuery(url.searchParams));
        sendJson(res, 200, page);
      },
    },
    {
      method: 'GET',
      pattern: '/executions/:id',
      handler: async ({ res, tenantId, params }) => {
        const execution = await storage.executions.get(tenantId, params.id ?? '');
        if (!execution) throw new HttpError(404, 'EXECUTION_NOT_FOUND', `There is no execution '${params.id}' for tenant '${tenantId}'.`);
        sendJson(res, 200, execution);
      },
    },
    {
      method: 'POST',
      pattern: '/executions/:id/cancel',
      handler: async ({ res, tenantId, params }) => {
        const id = params.id ?? '';
        const controller = cancelable.get(`${tenantId}/${id}`);
        if (controller) {
          controller.abort(new Error('Canceled through the API.'));
          sendJson(res, 202, { id, canceling: true });
          return;
        }
        const execution = await storage.executions.get(tenantId, id);
        if (!execution) throw new HttpError(404, 'EXECUTION_NOT_FOUND', `There is no execution '${id}' for tenant '${tenantId}'.`);
        throw new HttpError(
          409,
          'EXECUTION_NOT_RUNNING',
          `Execution '${id}' is ${execution.status}; only a running execution can be canceled.`,
        );
      },
    },
  ];
}

/**
 * A 422 listing every problem as `{ path, message }`.
 * @param {string} code
 * @param {string} subject
 * @param {readonly { code: string, path: (string | number)[], message: string }[]} issues
 */
export function invalid(code, subject, issues) {
  const list = issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const count = list.length === 1 ? '1 problem' : `${list.length} problems`;
  return new HttpError(422, code, `${subject} (${count}): ${list.map((i) => `${i.path}: ${i.message}`).join('; ')}.`, { issues: list });
}

/**
 * The run's input: a list of items (`{ json: {...} }`) or of plain objects, each of which becomes an item.
 * @param {unknown} input
 * @returns {import('@flowloom/engine').Item[] | undefined}
 */
function runInput(input) {
  if (input === undefined) return undefined;
  if (!Array.isArray(input)) {
    throw invalid('INPUT_INVALID', 'The run request is not valid', [
      { code: 'invalid_type', path: ['input'], message: 'must be a list of objects or of items ({ "json": {...} })' },
    ]);
  }
  return input.map((value, i) => {
    if (!isObject(value)) {
      throw invalid('INPUT_INVALID', 'The run request is not valid', [
        { code: 'invalid_type', path: ['input', i], message: 'must be an object' },
      ]);
    }
    return /** @type {import('@flowloom/engine').Item} */ (/** @type {unknown} */ (isObject(value.json) ? value : { json: value }));
  });
}

const LIST_FILTERS = ['workflowId', 'status', 'mode'];
const TEXT_FILTERS = ['startedFrom', 'startedTo', 'errorContains', 'cursor', 'order'];

/**
 * An execution query from the URL: `workflowId`, `status`, `mode` (comma-separated lists),
 * `startedFrom`, `startedTo`, `errorContains`, `order`, `limit`, `cursor`.
 * @param {URLSearchParams} search
 * @returns {import('@flowloom/engine').ExecutionQuery}
 */
function executionQuery(search) {
  /** @type {Record<string, unknown>} */
  const query = {};
  for (const key of LIST_FILTERS) {
    const value = search.get(key);
    if (value !== null) query[key] = value.split(',').filter((v) => v !== '');
  }
  for (const key of TEXT_FILTERS) {
    const value = search.get(key);
    if (value !== null) query[key] = value;
  }
  const limit = search.get('limit');
  if (limit !== null) {
    const n = Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      throw new HttpError(400, 'QUERY_INVALID', `The query parameter 'limit' must be a whole number from 1 to 1000, got '${limit}'.`);
    }
    query.limit = n;
  }
  for (const key of search.keys()) {
    if (!LIST_FILTERS.includes(key) && !TEXT_FILTERS.includes(key) && key !== 'limit') {
      throw new HttpError(
        400,
        'QUERY_INVALID',
        `Unknown query parameter '${key}'; use ${[...LIST_FILTERS, ...TEXT_FILTERS, 'limit'].join(', ')}.`,
      );
    }
  }
  return query;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
