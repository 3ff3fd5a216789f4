// n8n's Postgres node imported with the integrations' mappings: nodes from the corpus (their files named beside each)
// become Flowloom Postgres nodes, and the imported workflows run against a real PostgreSQL server, whose tables are
// then read directly with pg.
import type { Item, Workflow } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../adapters/src/postgres/testing/throwaway-postgres.js';
import { createPostgresNode } from '../node.js';
import { postgresCredential } from '../services/postgres/postgres-credentials.js';
import { importAfterTrigger, type N8nFixtureNode } from '../testing/n8n-import.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const engine = createNodeEngine({
  logger: silent,
  nodeTypes: [createPostgresNode({ allowPrivateNetworks: true })],
  credentialTypes: [postgresCredential],
});
let server: ThrowawayPostgres;
let admin: pg.Pool;
const SCHEMA = 'p1gq6ljdsam3x1m';

beforeAll(async () => {
  server = await startThrowawayPostgres();
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
  const data = { host: server.host, port: server.port, database: server.database, user: 'postgres' };
  for (const id of ['2VsRB7eDnG0FA3z2', 'pyragogy-postgres', 'Postgres']) {
    await engine.credentials.create({ id, name: `Postgres ${id}`, type: 'postgres', data });
  }
});
afterAll(async () => {
  await admin?.end();
  await server?.stop();
  await engine.close();
});
beforeEach(async () => {
  await admin.query(`
    DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; DROP TABLE IF EXISTS n8n, tweets;
    CREATE SCHEMA ${SCHEMA};
    CREATE TABLE ${SCHEMA}."N8Err" (id serial PRIMARY KEY, created_at timestamptz, title text, "URL" text, "Stack" text,
      json jsonb, "Message" text, "LastNode" text);
    CREATE TABLE n8n (sensor_id text, value numeric, time_stamp text, notification boolean);
    CREATE TABLE tweets (id serial PRIMARY KEY, text text, score real, magnitude real);
  `);
});

const rows = async (sql: string) => (await admin.query(sql)).rows as Record<string, unknown>[];
const postgresNode = (
  name: string,
  typeVersion: number,
  parameters: Record<string, unknown>,
  credential: string | { id: string; name: string },
) =>
  ({ name, type: 'n8n-nodes-base.postgres', typeVersion, parameters, credentials: { postgres: credential } }) as unknown as N8nFixtureNode;

async function runImported(workflow: Workflow, input: Item[] = [{ json: {} }]) {
  const execution = await engine.run(workflow, { input });
  expect(execution.status, JSON.stringify(execution.error)).toBe('success');
  return (execution.nodes.service?.[0]?.output.main ?? []).map((i) => i.json);
}

// Error/1777_Error_Postgres_Send_Triggered.json
const CREDENTIAL_1777 = { id: '2VsRB7eDnG0FA3z2', name: 'Postgres Nocodb' };
const insertLog = () =>
  postgresNode(
    'Insert Log',
    2.6,
    {
      table: { __rl: true, mode: 'list', value: 'N8Err', cachedResultName: 'N8Err' },
      schema: { __rl: true, mode: 'name', value: SCHEMA },
      columns: {
        value: {
          URL: '={{ $json.execution.url }}',
          json: '={{ JSON.stringify($json) }}',
          Stack: '={{ $json.execution.error.stack }}',
          title: '={{ $json.workflow.name }}',
          Message: '={{ $json.execution.error.message }}',
          LastNode: '={{ $json.execution.lastNodeExecuted }}',
          created_at: '={{ $now }}',
        },
        schema: [
          {
            id: 'id',
            type: 'number',
            display: true,
            removed: true,
            required: false,
            displayName: 'id',
            defaultMatch: true,
            canBeUsedToMatch: true,
          },
          {
            id: 'title',
            type: 'string',
            display: true,
            required: false,
            displayName: 'title',
            defaultMatch: false,
            canBeUsedToMatch: true,
          },
        ],
        mappingMode: 'defineBelow',
        matchingColumns: ['id'],
        attemptToConvertTypes: false,
        convertFieldsToString: false,
      },
      options: {},
    },
    CREDENTIAL_1777,
  );
const errorEvent = {
  execution: {
    url: 'https://n8n.example/execution/7',
    error: { message: 'Boom', stack: 'Error: Boom\n  at x' },
    lastNodeExecuted: 'Fetch',
  },
  workflow: { name: 'Nightly sync' },
};

describe("n8n's Postgres node, imported", () => {
  it('makes a version 2.6 insert of columns defined on the node an insert of those columns (corpus 1777)', async () => {
    const { workflow, node, report } = importAfterTrigger(insertLog());
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.postgres',
      credentials: { postgres: CREDENTIAL_1777.id },
      parameters: { operation: 'insert', schema: SCHEMA, table: 'N8Err', dataMode: 'define' },
    });
    const out = await runImported(workflow, [{ json: errorEvent }]);
    const stored = await rows(`SELECT title, "URL", "Stack", "Message", "LastNode", json FROM ${SCHEMA}."N8Err"`);
    expect(stored).toEqual([
      {
        title: 'Nightly sync',
        URL: 'https://n8n.example/execution/7',
        Stack: 'Error: Boom\n  at x',
        Message: 'Boom',
        LastNode: 'Fetch',
        json: errorEvent,
      },
    ]);
    expect(out).toEqual([expect.objectContaining({ id: 1, title: 'Nightly sync' })]);
    const [{ age }] = (await rows(`SELECT extract(epoch FROM now() - created_at) AS age FROM ${SCHEMA}."N8Err"`)) as [{ age: string }];
    expect(Math.abs(Number(age))).toBeLessThan(600);
  });

  it('binds the value of a query replacement expression to $1 (corpus 1777, Count for 5 minutes)', async () => {
    await admin.query(`INSERT INTO ${SCHEMA}."N8Err" (created_at) VALUES (now()), (now() - interval '1 hour')`);
    const { workflow, node, report } = importAfterTrigger(
      postgresNode(
        'Count for 5 minutes',
        2.6,
        {
          query: `SELECT count(*) FROM ${SCHEMA}."N8Err" where created_at >= $1;\n`,
          options: { queryReplacement: "={{ $now.minus(5, 'minutes').toString() }}" },
          operation: 'executeQuery',
        },
        CREDENTIAL_1777,
      ),
    );
    expect(report.placeholders).toEqual([]);
    expect((node!.parameters.queryParameters as unknown[]).length).toBe(1);
    expect(await runImported(workflow)).toEqual([{ count: '1' }]);
  });

  it('makes a truncate restarting the sequences a truncate (corpus 1777, Truncate Log Database)', async () => {
    await admin.query(`INSERT INTO ${SCHEMA}."N8Err" (title) VALUES ('a'), ('b')`);
    const { workflow, node } = importAfterTrigger(
      postgresNode(
        'Truncate Log Database',
        2.6,
        {
          table: { __rl: true, mode: 'list', value: 'N8Err', cachedResultName: 'N8Err' },
          schema: { __rl: true, mode: 'list', value: SCHEMA, cachedResultName: SCHEMA },
          options: {},
          operation: 'deleteTable',
          restartSequences: true,
        },
        CREDENTIAL_1777,
      ),
    );
    expect(node!.parameters).toMatchObject({ operation: 'delete', deleteCommand: 'truncate', restartSequences: true });
    expect(await runImported(workflow)).toEqual([{ success: true }]);
    await admin.query(`INSERT INTO ${SCHEMA}."N8Err" (title) VALUES ('c')`);
    expect(await rows(`SELECT id FROM ${SCHEMA}."N8Err"`)).toEqual([{ id: 1 }]);
  });

  it('makes a version 1 insert of listed columns an insert of those fields of each item (corpus 0822)', async () => {
    const { workflow, node, report } = importAfterTrigger(
      postgresNode('Postgres', 1, { table: 'n8n', columns: 'sensor_id,value,time_stamp,notification' }, 'Postgres'),
    );
    expect(report.placeholders).toEqual([]);
    expect(node!.parameters).toMatchObject({
      operation: 'insert',
      table: 'n8n',
      columnNames: ['sensor_id', 'value', 'time_stamp', 'notification'],
    });
    await runImported(workflow, [
      { json: { sensor_id: 'humidity01', value: 51, time_stamp: '2026-01-01 10:00', notification: false, extra: 'not written' } },
    ]);
    expect(await rows('SELECT * FROM n8n')).toEqual([
      { sensor_id: 'humidity01', value: '51', time_stamp: '2026-01-01 10:00', notification: false },
    ]);
  });

  it('makes a version 1 insert returning every column (=*) output the rows inserted (corpus 1108)', async () => {
    const { workflow } = importAfterTrigger(
      postgresNode('Postgres', 1, { table: 'tweets', columns: 'text, score, magnitude', returnFields: '=*' }, 'Postgres'),
    );
    const out = await runImported(workflow, [{ json: { text: 'Great day', score: 0.5, magnitude: 0.25 } }]);
    expect(out).toEqual([{ id: 1, text: 'Great day', score: 0.5, magnitude: 0.25 }]);
  });

  it('runs a version 1 query (generate-collaborative-handbooks, Check DB Connection)', async () => {
    const { workflow } = importAfterTrigger(
      postgresNode(
        'Check DB Connection',
        1,
        { operation: 'executeQuery', query: 'SELECT 1; -- Verifica connessione DB', options: {} },
        {
          id: 'pyragogy-postgres',
          name: 'Postgres Pyragogy DB',
        },
      ),
    );
    expect(await runImported(workflow)).toEqual([{ '?column?': 1 }]);
  });

  it('leaves a node with parameters its version does not have as a placeholder naming the first', () => {
    const { report } = importAfterTrigger(
      postgresNode(
        'Save to handbook_entries',
        1,
        {
          operation: 'insert',
          table: 'handbook_entries',
          columns: 'title, content',
          values: '={{ $json.title }}, {{ $json.body }}',
          options: { returning: 'id' },
        },
        'Postgres',
      ),
    );
    expect(report.placeholders).toEqual([expect.objectContaining({ n8nType: 'n8n-nodes-base.postgres', parameter: 'values' })]);
  });
});

describe("n8n's Postgres node, mapped", () => {
  const map = (typeVersion: number, parameters: Record<string, unknown>) =>
    importAfterTrigger(postgresNode('DB', typeVersion, parameters, 'Postgres'));

  it('keeps query replacement text for the node to split at commas, and splits expressions as n8n did before 2.5', () => {
    expect(
      map(2.5, { operation: 'executeQuery', query: 'SELECT $1, $2', options: { queryReplacement: 'a, b' } }).node!.parameters
        .queryParameters,
    ).toBe('a, b');
    const before = map(2.4, { operation: 'executeQuery', query: 'SELECT $1, $2', options: { queryReplacement: '={{ $json.a }}, b' } });
    expect(before.node!.parameters.queryParameters).toEqual([expect.stringMatching(/^\{\{.*\}\}$/), 'b']);
    const after = map(2.5, {
      operation: 'executeQuery',
      query: 'SELECT $1, $2',
      options: { queryReplacement: '={{ $json.a }}, {{ $json.b }}' },
    });
    expect(after.node!.parameters.queryParameters).toHaveLength(2);
  });

  it('maps a select with conditions, sort, limit and output columns', () => {
    const { node } = map(2.4, {
      operation: 'select',
      schema: { __rl: true, mode: 'list', value: 'public' },
      table: { __rl: true, mode: 'name', value: 'orders' },
      where: {
        values: [
          { column: 'qty', condition: '>', value: 2 },
          { column: 'note', condition: 'IS NULL' },
        ],
      },
      combineConditions: 'OR',
      sort: { values: [{ column: 'qty', direction: 'DESC' }] },
      limit: 10,
      options: { outputColumns: ['sku', 'qty'], largeNumbersOutput: 'numbers', queryBatching: 'transaction' },
    });
    expect(node!.parameters).toMatchObject({
      operation: 'select',
      schema: 'public',
      table: 'orders',
      where: [
        { column: 'qty', condition: '>', value: 2 },
        { column: 'note', condition: 'IS NULL' },
      ],
      combineConditions: 'OR',
      sort: [{ column: 'qty', direction: 'DESC' }],
      returnAll: false,
      limit: 10,
      outputColumns: ['sku', 'qty'],
      largeNumbers: 'numbers',
      queryBatching: 'transaction',
    });
  });

  it("maps version 2.1's update by a column to match on, from the item or with values listed", () => {
    const table = { __rl: true, mode: 'list', value: 'orders' };
    expect(map(2.1, { operation: 'update', table, columnToMatchOn: 'sku' }).node!.parameters).toMatchObject({
      dataMode: 'autoMap',
      matchingColumns: ['sku'],
    });
    const listed = map(2.1, {
      operation: 'upsert',
      table,
      columnToMatchOn: 'sku',
      valueToMatchOn: '={{ $json.code }}',
      dataMode: 'defineBelow',
      valuesToSend: { values: [{ column: 'qty', value: '3' }] },
    });
    expect(listed.node!.parameters).toMatchObject({
      operation: 'upsert',
      dataMode: 'define',
      matchingColumns: ['sku'],
      columns: { qty: '3' },
    });
    expect(Object.keys(listed.node!.parameters.columns as object)).toEqual(['qty', 'sku']);
  });

  it('maps the upsert of a resource mapper with its columns to match on, and refuses one without', () => {
    const table = { __rl: true, mode: 'list', value: 'orders' };
    const columns = { mappingMode: 'autoMapInputData', value: {}, matchingColumns: ['sku'], schema: [] };
    expect(map(2.5, { operation: 'upsert', table, columns }).node!.parameters).toMatchObject({
      dataMode: 'autoMap',
      matchingColumns: ['sku'],
    });
    const none = map(2.5, { operation: 'upsert', table, columns: { ...columns, matchingColumns: [] } });
    expect(none.report.placeholders).toEqual([expect.objectContaining({ parameter: 'columns.matchingColumns' })]);
  });
});
