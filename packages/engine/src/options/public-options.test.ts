import { describe, expect, it } from 'vitest';
import { OptionError } from '../errors/option.error.js';
import { createCredentialsManager } from '../credentials/credentials-manager.js';
import { kmsKeyProvider } from '../credentials/keys/kms-key-provider.js';
import { passphraseKeyProvider } from '../credentials/keys/passphrase-key-provider.js';
import { rawKeyProvider } from '../credentials/keys/raw-key-provider.js';
import { executionAnalytics } from '../executions/analytics.js';
import { recoverCrashedExecutions } from '../executions/crash-recovery.js';
import { exportExecution, exportExecutions } from '../executions/export.js';
import { pruneExecutions, schedulePruning } from '../executions/retention.js';
import { openOAuth2Popup } from '../credentials/oauth2/oauth2-popup.js';
import { getExpressionCompletions } from '../expression/completions.js';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import { validateExpression } from '../expression/validate-expression.js';
import { createJsonataLanguage } from '../expression/jsonata-language.js';
import { parseWorkflow } from '../model/parse-workflow.js';
import { createNodeEngine } from '../node/create-node-engine.js';
import { createGuardedFetch } from '../node/guarded-fetch.js';
import { createNodeCodeSandbox } from '../node/node-code-sandbox.js';
import { createNodeExecutionIsolation } from '../node/node-execution-isolation.js';
import { createOAuth2CallbackHandler, listenForOAuth2Callback } from '../node/oauth2-callback.js';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from '../run/engine.js';
import { createWebExecutionIsolation } from '../run/web-isolation.js';
import { createWebWorkerSandbox } from '../code-sandbox/default-sandbox.js';
import { createWorkerIsolation } from '../isolation/execution-isolation.js';
import { createWorkerSandbox } from '../code-sandbox/worker-sandbox.js';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { createTestClock } from '../testing/test-clock.js';

const storage = createMemoryStorage();
const engine = createEngine({ storage, logger: silentLogger, executions: { crashRecovery: 'off' } });
const store = storage.executions;
const workflow = buildWorkflow({ nodes: [{ id: 'start', type: 'core.manualTrigger' }] });
const key = new Uint8Array(32).fill(7);
const never = () => {
  throw new Error('not called');
};

/** Each public call given one unknown option, with the function and the option its error must name. */
const cases: [where: string, option: string, call: () => unknown][] = [
  ['createEngine', 'tenant', () => createEngine({ tenant: 'acme' } as never)],
  ['createEngine', 'limits.maxNodeRun', () => createEngine({ limits: { maxNodeRun: 5 } } as never)],
  ['createEngine', 'limits.code.memory', () => createEngine({ limits: { code: { memory: 8 } } } as never)],
  ['createEngine', 'http.allowPrivateNetwork', () => createEngine({ http: { allowPrivateNetwork: true } } as never)],
  ['createEngine', 'webhooks.path', () => createEngine({ webhooks: { path: '/hooks' } } as never)],
  ['createEngine', 'isolationOptions.maxWorker', () => createEngine({ isolationOptions: { maxWorker: 2 } } as never)],
  ['createEngine', 'executions.crashRecover', () => createEngine({ executions: { crashRecover: 'off' } } as never)],
  ['createEngine', 'executions.save.successfull', () => createEngine({ executions: { save: { successfull: false } } } as never)],
  [
    'createEngine',
    'executions.retention.maxAge',
    () => createEngine({ executions: { retention: { allTenants: true, maxAge: 1 } } } as never),
  ],
  ['createNodeEngine', 'limit', () => createNodeEngine({ limit: {} } as never)],
  ['engine.run', 'inputs', () => engine.run(workflow, { inputs: [] } as never)],
  ['engine.activate', 'tenant', () => engine.activate(workflow, { tenant: 'acme' } as never)],
  ['engine.deactivate', 'tenant', () => engine.deactivate('wf', { tenant: 'acme' } as never)],
  ['engine.handleWebhook', 'tenant', () => engine.handleWebhook(new Request('https://example.com/webhook/x'), { tenant: 'acme' } as never)],
  ['engine.resume', 'items', () => engine.resume('e1', { items: [] } as never)],
  ['engine.close', 'grace', () => engine.close({ grace: 10 } as never)],
  ['engine.executions.list', 'workflow', () => engine.executions.list({ workflow: 'wf' } as never)],
  ['engine.executions.list', 'tenant', () => engine.executions.list({}, { tenant: 'acme' } as never)],
  ['engine.executions.get', 'tenant', () => engine.executions.get('e1', { tenant: 'acme' } as never)],
  ['engine.executions.retry', 'tenant', () => engine.executions.retry('e1', { tenant: 'acme' } as never)],
  ['engine.executions.recoverCrashed', 'resumed', () => engine.executions.recoverCrashed({ resumed: true } as never)],
  ['engine.executions.prune', 'tenantId', () => engine.executions.prune({ tenantId: 'globex', maxAgeMs: 0, maxCount: 0 } as never)],
  ['engine.executions.analytics', 'form', () => engine.executions.analytics({ form: '2026-01-01' } as never)],
  ['engine.executions.export', 'state', () => engine.executions.export({ state: 'error' } as never)],
  ['engine.executions.export', 'maximum', () => engine.executions.export('e1', { maximum: 5 } as never)],
  ['engine.variables.set', 'workflow', () => engine.variables.set('k', 1, { workflow: 'wf' } as never)],
  ['engine.variables.get', 'tenant', () => engine.variables.get('k', { tenant: 'acme' } as never)],
  ['engine.variables.list', 'tenant', () => engine.variables.list({ tenant: 'acme' } as never)],
  ['engine.variables.delete', 'tenant', () => engine.variables.delete('k', { tenant: 'acme' } as never)],
  ['engine.variables.forRun', 'override', () => engine.variables.forRun('wf', { override: {} } as never)],
  ['engine.credentials.create', 'sharng', () => engine.credentials.create({ name: 'n', type: 'apiKey', data: {}, sharng: {} } as never)],
  [
    'engine.credentials.create',
    'sharing.tenant',
    () => engine.credentials.create({ name: 'n', type: 'apiKey', data: {}, sharing: { tenant: ['x'] } } as never),
  ],
  [
    'engine.credentials.create',
    'tenant',
    () => engine.credentials.create({ name: 'n', type: 'apiKey', data: {} }, { tenant: 'acme' } as never),
  ],
  ['engine.credentials.get', 'tenant', () => engine.credentials.get('c1', { tenant: 'acme' } as never)],
  ['engine.credentials.list', 'tenant', () => engine.credentials.list({ tenant: 'acme' } as never)],
  ['engine.credentials.update', 'nam', () => engine.credentials.update('c1', { nam: 'x' } as never)],
  ['engine.credentials.share', 'tenant', () => engine.credentials.share('c1', { tenant: ['x'] } as never)],
  ['engine.credentials.delete', 'tenant', () => engine.credentials.delete('c1', { tenant: 'acme' } as never)],
  ['engine.credentials.test', 'tenant', () => engine.credentials.test('c1', { tenant: 'acme' } as never)],
  ['engine.credentials.rotateKeys', 'everything', () => engine.credentials.rotateKeys({ everything: true } as never)],
  ['engine.credentials.auditTrail', 'credential', () => engine.credentials.auditTrail({ credential: 'c1' } as never)],
  [
    'createCredentialsManager',
    'tenant',
    () => createCredentialsManager({ store: storage.credentials, keyProvider: rawKeyProvider({ key }), tenant: 'x' } as never),
  ],
  ['rawKeyProvider', 'keyId', () => rawKeyProvider({ key, keyId: 'k1' } as never)],
  [
    'passphraseKeyProvider',
    'cost.n',
    () => passphraseKeyProvider({ passphrase: 'a long phrase', salt: 'sixteen chars!!!', cost: { n: 1, r: 8, p: 1 } } as never),
  ],
  ['kmsKeyProvider', 'wrap', () => kmsKeyProvider({ wrapKey: never, unwrapKey: never, wrap: never } as never)],
  ['pruneExecutions', 'tenantId', () => pruneExecutions(store, { tenantId: 'globex', maxAgeMs: 0 } as never)],
  ['schedulePruning', 'every', () => schedulePruning(store, { clock: createTestClock(), allTenants: true, every: 1000 } as never)],
  ['recoverCrashedExecutions', 'tenant', () => recoverCrashedExecutions({ storage, now: Date.now, tenant: 'acme' } as never)],
  ['executionAnalytics', 'form', () => executionAnalytics(store, 't1', { form: '2026-01-01' } as never)],
  ['exportExecution', 'maximum', () => exportExecution(store, 't1', 'e1', { maximum: 5 } as never)],
  ['exportExecutions', 'state', () => exportExecutions(store, 't1', { state: 'error' } as never)],
  ['Execution query', 'workflow', () => store.list('t1', { workflow: 'wf' } as never)],
  ['createMemoryStorage', 'maxExecution', () => createMemoryStorage({ maxExecution: 5 } as never)],
  ['parseWorkflow', 'registry', () => parseWorkflow(workflow, { registry: {} } as never)],
  ['createExpressionResolver', 'budgets.timeout', () => createExpressionResolver({ budgets: { timeout: 100 } } as never)],
  ['createJsonataLanguage', 'eval', () => createJsonataLanguage({ eval: true } as never)],
  ['validateExpression', 'mod', () => validateExpression('{{ 1 }}', { mod: 'template' } as never)],
  ['getExpressionCompletions', 'vars', () => getExpressionCompletions({ vars: [] } as never)],
  [
    'engine.credentials.oauth2.startAuthorization',
    'redirectUrl',
    () => engine.credentials.oauth2.startAuthorization('c1', { redirectUrl: 'x' } as never),
  ],
  ['engine.credentials.oauth2.disconnect', 'tenant', () => engine.credentials.oauth2.disconnect('c1', { tenant: 'acme' } as never)],
  ['openOAuth2Popup', 'timeout', () => openOAuth2Popup({ url: 'https://example.com', timeout: 5 } as never)],
  ['createOAuth2CallbackHandler', 'onDone', () => createOAuth2CallbackHandler(engine.credentials.oauth2, { onDone: never } as never)],
  ['listenForOAuth2Callback', 'hostname', () => listenForOAuth2Callback(engine.credentials.oauth2, { hostname: '127.0.0.1' } as never)],
  ['createWorkerSandbox', 'workers', () => createWorkerSandbox({ spawn: never, workers: 2 } as never)],
  ['createWorkerIsolation', 'heap', () => createWorkerIsolation({ spawn: never, heap: 64 } as never)],
  ['createWebWorkerSandbox', 'url', () => createWebWorkerSandbox({ url: 'x' } as never)],
  ['createWebExecutionIsolation', 'url', () => createWebExecutionIsolation({ url: 'x' } as never)],
  ['createGuardedFetch', 'allowRanges', () => createGuardedFetch({ allowRanges: ['10.0.0.0/8'] } as never)],
  ['createNodeCodeSandbox', 'heap', () => createNodeCodeSandbox({ heap: 64 } as never)],
  ['createNodeExecutionIsolation', 'heap', () => createNodeExecutionIsolation({ heap: 64 } as never)],
];

/** What a call threw or rejected with. */
async function failureOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('every options object of the public API refuses an unknown key', () => {
  it.each(cases)('%s refuses %s', async (where, option, call) => {
    const error = await failureOf(call);
    expect(error).toBeInstanceOf(OptionError);
    expect(error).toMatchObject({ code: 'UNKNOWN_OPTION', where, option });
    expect((error as Error).message).toMatch(new RegExp(`^${where}: unknown option '${option.replace(/\./g, '\\.')}'\\. Known options`));
  });

  it('leaves the storage untouched by every refused call', async () => {
    expect(await storage.workflows.list('default')).toEqual([]);
    expect(await store.tenants()).toEqual([]);
    expect(await storage.variables.list('default')).toEqual([]);
    expect(await storage.credentials.list('default')).toEqual([]);
  });
});
