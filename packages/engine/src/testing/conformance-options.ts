import { FlowloomError } from '../errors/flowloom.error.js';
import { silentLogger } from '../ports/logger.js';
import { createEngine } from '../run/engine.js';
import type { Storage } from '../storage/storage.js';
import { sampleExecution } from './conformance-fixtures.js';
import { assertEqual, assertRejects, assertTrue, type StorageTest } from './conformance-harness.js';

/** Two finished executions in each of two tenants. */
async function twoTenants(storage: Storage): Promise<void> {
  for (const tenantId of ['acme', 'globex']) {
    for (const id of ['a', 'b']) await storage.executions.create(sampleExecution(`${tenantId}-${id}`, { tenantId }));
  }
}

async function counts(storage: Storage): Promise<Record<string, number>> {
  return { acme: await storage.executions.count('acme'), globex: await storage.executions.count('globex') };
}

function engineOn(storage: Storage) {
  return createEngine({ storage, logger: silentLogger, executions: { crashRecovery: 'off' } });
}

function assertCode(error: unknown, code: string, what: string): void {
  assertTrue(error instanceof FlowloomError, `${what}: expected a FlowloomError, got ${String(error)}`);
  assertEqual((error as FlowloomError).code, code, `${what}: error code`);
}

/**
 * Options that would change which records a call touches are refused, never
 * ignored: pruning through the engine on this storage deletes nothing when an
 * option is unknown or no tenant is named, and only in the tenants named.
 */
export function optionConformance(test: StorageTest): void {
  test('engine.executions.prune refuses an unknown option such as tenantId and deletes nothing', async (storage) => {
    await twoTenants(storage);
    const engine = engineOn(storage);
    const probe = { tenantId: 'globex', maxAgeMs: 0, maxCount: 0 } as never;
    const error = await assertRejects(engine.executions.prune(probe), 'prune with tenantId');
    assertCode(error, 'UNKNOWN_OPTION', 'prune with tenantId');
    assertTrue(
      (error as Error).message.startsWith("engine.executions.prune: unknown option 'tenantId'. Known options: tenants, allTenants,"),
      `the message names the function, the option and the known ones: ${(error as Error).message}`,
    );
    assertEqual(await counts(storage), { acme: 2, globex: 2 }, 'executions after the refused prune');
    await engine.close();
  });

  test('engine.executions.prune refuses to prune without tenants or allTenants and deletes nothing', async (storage) => {
    await twoTenants(storage);
    const engine = engineOn(storage);
    const error = await assertRejects(engine.executions.prune({ maxAgeMs: 0, maxCount: 0 }), 'prune naming no tenants');
    assertCode(error, 'TENANT_SCOPE_REQUIRED', 'prune naming no tenants');
    assertEqual(await counts(storage), { acme: 2, globex: 2 }, 'executions after the refused prune');
    await engine.close();
  });

  test('engine.executions.prune deletes only in the tenants it names', async (storage) => {
    await twoTenants(storage);
    const engine = engineOn(storage);
    const report = await engine.executions.prune({ tenants: ['globex'], maxAgeMs: 0, maxCount: 0 });
    assertEqual(report, { deleted: 2, byTenant: { globex: 2 } }, 'prune report');
    assertEqual(await counts(storage), { acme: 2, globex: 0 }, 'executions after pruning globex');
    await engine.close();
  });

  test('a list or count with an unknown query field is refused, not widened', async ({ executions }) => {
    await executions.create(sampleExecution('e1', { workflowId: 'wf-a' }));
    const query = { workflow: 'wf-other' } as never;
    assertCode(await assertRejects(executions.list('t1', query), 'list with an unknown field'), 'UNKNOWN_OPTION', 'list');
    assertCode(await assertRejects(executions.count('t1', query), 'count with an unknown field'), 'UNKNOWN_OPTION', 'count');
  });
}
