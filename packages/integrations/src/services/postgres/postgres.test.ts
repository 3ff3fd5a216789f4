// The Postgres node against a real PostgreSQL server (a throwaway cluster per file, as the Postgres storage
// adapter's tests start one): what it writes and reads is checked by querying the server directly with pg.
import { createEngine, type Item } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../../adapters/src/postgres/testing/throwaway-postgres.js';
import { allIntegrationCredentials, allIntegrations } from '../../index.js';
import { createNodeIntegrations, createPostgresNode } from '../../node.js';
import { postgresCredential } from './postgres-credentials.js';

let server: ThrowawayPostgres;
let admin: pg.Pool;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const engine = createNodeEngine({
  logger: silent,
  nodeTypes: [createPostgresNode({ allowPrivateNetworks: true })],
  credentialTypes: [postgresCredential],
});
const guarded = createNodeEngine({ logger: silent, nodeTypes: [createPostgresNode()], credentialTypes: [postgresCredential] });

beforeAll(async () => {
  server = await startThrowawayPostgres();
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
  const data = { host: server.host, port: server.port, database: server.database, user: 'postgres' };
  for (const e of [engine, guarded]) await e.credentials.create({ id: 'db', name: 'Test database', type: 'postgres', data });
});
afterAll(async () => {
  await admin?.end();
  await server?.stop();
  await engine.close();
  await guarded.close();
});
beforeEach(async () => {
  await admin.query(`
    DROP TABLE IF EXISTS orders, gadgets;
    CREATE TABLE orders (id serial PRIMARY KEY, sku text UNIQUE NOT NULL, qty integer NOT NULL DEFAULT 1,
      total numeric(12, 2), big bigint, placed date, seen timestamptz, meta jsonb);
    CREATE TABLE gadgets (id integer);
  `);
});

const rows = async (sql: string, values: unknown[] = []) => (await admin.query(sql, values)).rows as Record<string, unknown>[];

async function run(parameters: Record<string, unknown>, input: Item[] = [{ json: {} }], on = engine) {
  const workflow = buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'db', name: 'Orders DB', type: 'integrations.postgres', parameters, credentials: { postgres: 'db' } },
    ],
    connections: [['start', 'db']],
  });
  return on.run(workflow, { input });
}
const out = (e: Awaited<ReturnType<typeof run>>) =>
  (e.nodes.db?.[0]?.output.main ?? []).map((i): [Record<string, unknown>, Item['pairedItem']] => [i.json, i.pairedItem]);

describe('Postgres: execute a query', () => {
  it('binds $1, $2... to the query parameters, given as comma-separated text or as a list', async () => {
    await admin.query(`INSERT INTO orders (sku, qty) VALUES ('a', 1), ('b', 5), ('c', 9)`);
    const sql = 'SELECT sku, qty FROM orders WHERE qty >= $1 AND sku <> $2 ORDER BY sku';
    const expected = await rows(sql, [2, 'c']);
    const fromText = await run({ operation: 'executeQuery', query: sql, queryParameters: '2, c' });
    expect(out(fromText)).toEqual(expected.map((r) => [r, { item: 0 }]));
    const fromList = await run({ operation: 'executeQuery', query: sql, queryParameters: ['{{ $json.min }}', 'c'] }, [
      { json: { min: 2 } },
    ]);
    expect(out(fromList)).toEqual([[{ sku: 'b', qty: 5 }, { item: 0 }]]);
  });

  it('runs the query once per item, pairing each row with its item', async () => {
    await admin.query(`INSERT INTO orders (sku, qty) VALUES ('a', 1), ('b', 5)`);
    const e = await run(
      { operation: 'executeQuery', query: 'SELECT qty FROM orders WHERE sku = $1', queryParameters: ['{{ $json.sku }}'] },
      [{ json: { sku: 'b' } }, { json: { sku: 'a' } }, { json: { sku: 'zz' } }],
    );
    expect(out(e)).toEqual([
      [{ qty: 5 }, { item: 0 }],
      [{ qty: 1 }, { item: 1 }],
    ]);
  });

  it('runs several statements given without parameters, and says success for a statement that returns no rows', async () => {
    const many = await run({
      operation: 'executeQuery',
      query: 'INSERT INTO gadgets VALUES (1), (2); SELECT count(*)::int AS n FROM gadgets; -- done',
    });
    expect(out(many)).toEqual([[{ n: 2 }, { item: 0 }]]);
    expect(out(await run({ operation: 'executeQuery', query: 'DELETE FROM gadgets' }))).toEqual([[{ success: true }, { item: 0 }]]);
    expect(out(await run({ operation: 'executeQuery', query: 'SELECT * FROM gadgets' }))).toEqual([]);
  });

  it('reads bigint and numeric as exact text unless asked for numbers, dates as written and times in ISO form', async () => {
    await admin.query(
      `INSERT INTO orders (sku, total, big, placed, seen, meta) VALUES ('a', 12.50, 9007199254740993, '2024-02-29', '2024-03-01T10:00:00Z', '{"tags":["x"]}')`,
    );
    const query = 'SELECT total, big, placed, seen, meta FROM orders';
    expect(out(await run({ operation: 'executeQuery', query }))[0]![0]).toEqual({
      total: '12.50',
      big: '9007199254740993',
      placed: '2024-02-29',
      seen: '2024-03-01T10:00:00.000Z',
      meta: { tags: ['x'] },
    });
    expect(out(await run({ operation: 'executeQuery', query: 'SELECT total, big FROM orders', largeNumbers: 'numbers' }))[0]![0]).toEqual({
      total: 12.5,
      big: 9007199254740992,
    });
  });
});

describe('Postgres: rows', () => {
  it("inserts each item's fields into the columns of their names and outputs the rows as stored", async () => {
    const e = await run({ operation: 'insert', table: 'orders' }, [
      { json: { sku: 'a', qty: 2, meta: { gift: true } } },
      { json: { sku: 'b' } },
    ]);
    expect(e.status, JSON.stringify(e.error)).toBe('success');
    const stored = await rows('SELECT id, sku, qty, meta FROM orders ORDER BY id');
    expect(stored).toEqual([
      { id: 1, sku: 'a', qty: 2, meta: { gift: true } },
      { id: 2, sku: 'b', qty: 1, meta: null },
    ]);
    expect(out(e).map(([json, paired]) => [{ id: json.id, sku: json.sku, qty: json.qty, meta: json.meta }, paired])).toEqual(
      stored.map((r, i) => [r, { item: i }]),
    );
  });

  it('inserts the columns defined on the node, returns only the output columns, and skips conflicting rows when asked', async () => {
    await admin.query(`INSERT INTO orders (sku) VALUES ('taken')`);
    const e = await run(
      {
        operation: 'insert',
        table: 'orders',
        dataMode: 'define',
        columns: { sku: '{{ $json.code }}', qty: 7 },
        outputColumns: ['sku', 'qty'],
        skipOnConflict: true,
      },
      [{ json: { code: 'new' } }, { json: { code: 'taken' } }],
    );
    expect(out(e)).toEqual([[{ sku: 'new', qty: 7 }, { item: 0 }]]);
    expect(await rows('SELECT sku, qty FROM orders ORDER BY id')).toEqual([
      { sku: 'taken', qty: 1 },
      { sku: 'new', qty: 7 },
    ]);
  });

  it('writes only the listed fields, and empty texts as NULL when asked', async () => {
    await run({ operation: 'insert', table: 'orders', columnNames: ['sku', 'total'], replaceEmptyStrings: true }, [
      { json: { sku: 'a', total: '', ignored: 'x' } },
    ]);
    expect(await rows('SELECT sku, total FROM orders')).toEqual([{ sku: 'a', total: null }]);
  });

  it('quotes every identifier, so names with quotes and keywords are written as given', async () => {
    await admin.query(`DROP TABLE IF EXISTS "we""ird"; CREATE TABLE "we""ird" ("select" text, "a b" int)`);
    const e = await run({ operation: 'insert', table: 'we"ird' }, [{ json: { select: "x'); DROP TABLE orders; --", 'a b': 1 } }]);
    expect(out(e)).toEqual([[{ select: "x'); DROP TABLE orders; --", 'a b': 1 }, { item: 0 }]]);
    expect(await rows(`SELECT to_regclass('public.orders') IS NOT NULL AS kept`)).toEqual([{ kept: true }]);
  });

  it('updates the rows that match on the chosen columns', async () => {
    await admin.query(`INSERT INTO orders (sku, qty) VALUES ('a', 1), ('b', 1)`);
    const e = await run({ operation: 'update', table: 'orders', matchingColumns: ['sku'], outputColumns: ['sku', 'qty'] }, [
      { json: { sku: 'b', qty: 4 } },
    ]);
    expect(out(e)).toEqual([[{ sku: 'b', qty: 4 }, { item: 0 }]]);
    expect(await rows('SELECT sku, qty FROM orders ORDER BY sku')).toEqual([
      { sku: 'a', qty: 1 },
      { sku: 'b', qty: 4 },
    ]);
    const none = await run({ operation: 'update', table: 'orders', matchingColumns: ['sku'] }, [{ json: { sku: 'zz', qty: 4 } }]);
    expect(out(none)).toEqual([[{ success: true }, { item: 0 }]]);
  });

  it('upserts: inserts a new row and updates the one whose unique column matches', async () => {
    await admin.query(`INSERT INTO orders (sku, qty) VALUES ('a', 1)`);
    const e = await run({ operation: 'upsert', table: 'orders', matchingColumns: ['sku'], outputColumns: ['sku', 'qty'] }, [
      { json: { sku: 'a', qty: 3 } },
      { json: { sku: 'b', qty: 8 } },
    ]);
    expect(out(e)).toEqual([
      [{ sku: 'a', qty: 3 }, { item: 0 }],
      [{ sku: 'b', qty: 8 }, { item: 1 }],
    ]);
    expect(await rows('SELECT sku, qty FROM orders ORDER BY sku')).toEqual([
      { sku: 'a', qty: 3 },
      { sku: 'b', qty: 8 },
    ]);
  });

  it('selects with conditions, sort and limit, and outputs nothing when no row matches', async () => {
    await admin.query(`INSERT INTO orders (sku, qty) VALUES ('a', 1), ('b', 5), ('c', 9), ('d', 3)`);
    const where = [
      { column: 'qty', condition: '>=', value: '2' },
      { column: 'sku', condition: '!=', value: 'c' },
    ];
    const e = await run({
      operation: 'select',
      table: 'orders',
      where,
      sort: [{ column: 'qty', direction: 'DESC' }],
      outputColumns: ['sku'],
      limit: 1,
    });
    expect(out(e)).toEqual([[{ sku: 'b' }, { item: 0 }]]);
    const all = await run({
      operation: 'select',
      table: 'orders',
      where,
      combineConditions: 'OR',
      returnAll: true,
      sort: [{ column: 'sku', direction: 'ASC' }],
      outputColumns: ['sku'],
    });
    expect(out(all).map(([json]) => json)).toEqual(await rows("SELECT sku FROM orders WHERE qty >= 2 OR sku <> 'c' ORDER BY sku"));
    expect(out(await run({ operation: 'select', table: 'orders', where: [{ column: 'sku', condition: 'equal', value: 'none' }] }))).toEqual(
      [],
    );
  });

  it('refuses a numeric comparison with a value that is not a number, naming the condition', async () => {
    const e = await run({ operation: 'select', table: 'orders', where: [{ column: 'qty', condition: '>', value: 'many' }] });
    expect(e.error?.message).toBe(
      `Node 'Orders DB': parameter 'where.0.value' compares with '>', which needs a number, got "many" (item 0).`,
    );
  });

  it('deletes the rows that match, truncates restarting the sequences, and drops the table', async () => {
    await admin.query(`INSERT INTO orders (sku) VALUES ('a'), ('b')`);
    await run({ operation: 'delete', table: 'orders', where: [{ column: 'sku', condition: 'equal', value: 'a' }] });
    expect(await rows('SELECT sku FROM orders')).toEqual([{ sku: 'b' }]);
    expect(out(await run({ operation: 'delete', table: 'orders', deleteCommand: 'truncate', restartSequences: true }))).toEqual([
      [{ success: true }, { item: 0 }],
    ]);
    await admin.query(`INSERT INTO orders (sku) VALUES ('c')`);
    expect(await rows('SELECT id FROM orders')).toEqual([{ id: 1 }]);
    await run({ operation: 'delete', table: 'gadgets', deleteCommand: 'drop' });
    expect(await rows(`SELECT to_regclass('public.gadgets') AS t`)).toEqual([{ t: null }]);
  });
});

describe('Postgres: batching and errors', () => {
  const twoInserts = (batching: string) =>
    run({ operation: 'insert', table: 'orders', queryBatching: batching }, [{ json: { sku: 'a' } }, { json: { sku: 'a' } }]);

  it("fails naming the node and the item with Postgres's own message and detail", async () => {
    const e = await twoInserts('single');
    expect(e.status).toBe('error');
    expect(e.error?.message).toBe(
      `Node 'Orders DB': Postgres refused the query of item 1: duplicate key value violates unique constraint "orders_sku_key" (Key (sku)=(a) already exists.)`,
    );
    expect(e.error).toMatchObject({ code: 'POSTGRES_QUERY_FAILED', details: { sqlState: '23505', itemIndex: 1 } });
    const missing = await run({ operation: 'executeQuery', query: 'SELECT * FROM nowhere' });
    expect(missing.error?.message).toBe(`Node 'Orders DB': Postgres refused the query of item 0: relation "nowhere" does not exist`);
  });

  it('rolls every item back when one fails, in a single batch or a transaction', async () => {
    await twoInserts('single');
    expect(await rows('SELECT sku FROM orders')).toEqual([]);
    await twoInserts('transaction');
    expect(await rows('SELECT sku FROM orders')).toEqual([]);
  });

  it('keeps the items before the one that failed when run independently', async () => {
    await twoInserts('independently');
    expect(await rows('SELECT sku FROM orders')).toEqual([{ sku: 'a' }]);
  });

  it('says success once for a single batch and once per item otherwise, when no statement returns rows', async () => {
    const input = [{ json: {} }, { json: {} }];
    const single = await run({ operation: 'executeQuery', query: 'INSERT INTO gadgets VALUES (1)' }, input);
    expect(out(single)).toEqual([[{ success: true }, [{ item: 0 }, { item: 1 }]]]);
    const each = await run({ operation: 'executeQuery', query: 'INSERT INTO gadgets VALUES (1)', queryBatching: 'transaction' }, input);
    expect(out(each)).toEqual([
      [{ success: true }, { item: 0 }],
      [{ success: true }, { item: 1 }],
    ]);
  });

  it('refuses a server on a private address unless private networks are allowed, without connecting', async () => {
    const e = await run({ operation: 'executeQuery', query: 'SELECT 1' }, [{ json: {} }], guarded);
    expect(e.error?.message).toBe(
      `Node 'Orders DB': Postgres host '127.0.0.1' is a private address; connections to private networks are refused unless the host allows them (allowPrivateNetworks: true, given to createNodeIntegrations or createPostgresNode).`,
    );
    expect(e.error?.code).toBe('PRIVATE_NETWORK');
  });

  it('fails naming the server when it cannot connect', async () => {
    const lonely = createNodeEngine({
      logger: silent,
      nodeTypes: [createPostgresNode({ allowPrivateNetworks: true })],
      credentialTypes: [postgresCredential],
    });
    await lonely.credentials.create({
      id: 'db',
      name: 'Wrong database',
      type: 'postgres',
      data: { host: server.host, port: server.port, database: 'no_such_db', user: 'postgres' },
    });
    const e = await run({ operation: 'executeQuery', query: 'SELECT 1' }, [{ json: {} }], lonely);
    expect(e.error?.message).toBe(
      `Node 'Orders DB': cannot connect to Postgres at ${server.host}:${server.port} as 'postgres': database "no_such_db" does not exist`,
    );
    await lonely.close();
  });

  it('is known to every engine, and fails saying where it runs on one without its implementation', async () => {
    const web = createEngine({ logger: silent, nodeTypes: [...allIntegrations], credentialTypes: [...allIntegrationCredentials] });
    const node = createNodeEngine({ logger: silent, nodeTypes: [...allIntegrations], credentialTypes: [...allIntegrationCredentials] });
    for (const e of [web, node]) {
      await e.credentials.create({ id: 'db', name: 'Test database', type: 'postgres', data: { host: server.host, user: 'postgres' } });
      const execution = await run({ operation: 'executeQuery', query: 'SELECT 1' }, [{ json: {} }], e as typeof engine);
      expect(execution.error).toMatchObject({ code: 'NODE_UNAVAILABLE' });
      expect(execution.error?.message).toBe(
        "Node 'Orders DB': Postgres runs only in Node.js, on an engine given createNodeIntegrations() or createPostgresNode() from @flowloom/integrations/node; this engine cannot run it.",
      );
      await e.close();
    }
  });
});

describe('Postgres in the catalog', () => {
  it("runs on a Node engine given createNodeIntegrations() and the catalog's credential types, registered once", async () => {
    const nodeTypes = createNodeIntegrations({ allowPrivateNetworks: true });
    expect(nodeTypes.filter((t) => t.type === 'integrations.postgres')).toHaveLength(1);
    // The catalog's own types, but Postgres's.
    expect(nodeTypes.filter((t, i) => t !== allIntegrations[i]).map((t) => t.type)).toEqual(['integrations.postgres']);
    const host = createNodeEngine({ logger: silent, nodeTypes: [...nodeTypes], credentialTypes: [...allIntegrationCredentials] });
    const data = { host: server.host, port: server.port, database: server.database, user: 'postgres' };
    await host.credentials.create({ id: 'db', name: 'Test database', type: 'postgres', data });
    const e = await run({ operation: 'insert', table: 'orders', outputColumns: ['sku', 'qty'] }, [{ json: { sku: 'a', qty: 3 } }], host);
    expect(out(e)).toEqual([[{ sku: 'a', qty: 3 }, { item: 0 }]]);
    expect(await rows('SELECT sku, qty FROM orders')).toEqual([{ sku: 'a', qty: 3 }]);
    await host.close();
  });

  it('keeps to public addresses under createNodeIntegrations() unless private networks are allowed', async () => {
    const host = createNodeEngine({
      logger: silent,
      nodeTypes: [...createNodeIntegrations()],
      credentialTypes: [...allIntegrationCredentials],
    });
    await host.credentials.create({ id: 'db', name: 'Test database', type: 'postgres', data: { host: server.host, user: 'postgres' } });
    const e = await run({ operation: 'executeQuery', query: 'SELECT 1' }, [{ json: {} }], host);
    expect(e.error?.code).toBe('PRIVATE_NETWORK');
    await host.close();
  });
});
