import type { PostgresStorage } from '@flowloom/adapters/postgres';
import type { Workflow } from '@flowloom/engine';
import type { ApiKeyRecord, ApiKeyStore } from '../auth/api-key-store.js';
import type { MemberStore } from '../members/member-store.js';
import { postgresMemberStore, postgresMemberTable } from './postgres-member-store.js';

/** One active workflow as every process sees it: the document that was activated, and its Schedule Trigger nodes. */
export interface ActivationRecord {
  tenantId: string;
  workflowId: string;
  workflow: Workflow;
  /** Ids of its Schedule Trigger nodes, each a job scheduler of the queue. */
  schedules: string[];
  /** Grows with each activation of the workflow, so a process knows whether its copy is current. */
  version: number;
}

/** The active workflows in PostgreSQL, shared by the processes of a queue-mode installation. */
export interface ActivationRecords {
  list(): Promise<Omit<ActivationRecord, 'workflow' | 'schedules'>[]>;
  listTenant(tenantId: string): Promise<Omit<ActivationRecord, 'workflow' | 'schedules'>[]>;
  get(tenantId: string, workflowId: string): Promise<ActivationRecord | undefined>;
  /** Records an activation; returns the record's schedules before it (none for a new one). */
  put(tenantId: string, workflow: Workflow, schedules: string[]): Promise<{ before: string[] }>;
  /** Forgets an activation; returns what it was, or undefined when there was none. */
  remove(tenantId: string, workflowId: string): Promise<ActivationRecord | undefined>;
}

/** The server's own records in the storage's database: API keys, active workflows, members. */
export interface PostgresServerStores {
  apiKeys: ApiKeyStore & {
    /** How many keys, revoked or not, of every tenant: none means the installation was never given one. */
    count(): Promise<number>;
  };
  activations: ActivationRecords;
  /** Members, teams, invites and workspaces of every tenant. */
  members: MemberStore;
}

/**
 * Opens the server's tables beside the storage's, in its schema: created
 * when missing, under an advisory lock so processes starting together
 * create them once. API keys are kept as their hashes only, as `ApiKeys`
 * gives them.
 */
export async function openPostgresServerStores(storage: PostgresStorage): Promise<PostgresServerStores> {
  const { pool } = storage;
  const s = `"${storage.schema.replaceAll('"', '""')}"`;
  const keys = `${s}.server_api_keys`;
  const active = `${s}.server_activations`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${storage.schema}.server_tables`]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${keys} (
      seq bigserial,
      id text PRIMARY KEY,
      tenant_id text NOT NULL,
      hash text NOT NULL UNIQUE,
      record jsonb NOT NULL)`);
    await client.query(`CREATE INDEX IF NOT EXISTS server_api_keys_tenant ON ${keys} (tenant_id, seq)`);
    await client.query(`CREATE TABLE IF NOT EXISTS ${active} (
      tenant_id text NOT NULL,
      workflow_id text NOT NULL,
      workflow jsonb NOT NULL,
      schedules jsonb NOT NULL,
      version bigint NOT NULL,
      PRIMARY KEY (tenant_id, workflow_id))`);
    await client.query(`CREATE SEQUENCE IF NOT EXISTS ${s}.server_activation_versions`);
    await client.query(postgresMemberTable(s));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }

  const record = (text: unknown) => (text ? (text as ApiKeyRecord) : undefined);
  const summary = (r: { tenant_id: string; workflow_id: string; version: string }) => ({
    tenantId: r.tenant_id,
    workflowId: r.workflow_id,
    version: Number(r.version),
  });

  return {
    apiKeys: {
      async put(r) {
        await pool.query(
          `INSERT INTO ${keys} (id, tenant_id, hash, record) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, record = EXCLUDED.record`,
          [r.id, r.tenantId, r.hash, JSON.stringify(r)],
        );
      },
      async findByHash(hash) {
        return record((await pool.query(`SELECT record FROM ${keys} WHERE hash = $1`, [hash])).rows[0]?.record);
      },
      async get(tenantId, id) {
        return record((await pool.query(`SELECT record FROM ${keys} WHERE tenant_id = $1 AND id = $2`, [tenantId, id])).rows[0]?.record);
      },
      async list(tenantId) {
        return (await pool.query(`SELECT record FROM ${keys} WHERE tenant_id = $1 ORDER BY seq`, [tenantId])).rows.map(
          (r: { record: ApiKeyRecord }) => r.record,
        );
      },
      async revoke(tenantId, id, at) {
        const result = await pool.query(
          `UPDATE ${keys} SET record = jsonb_set(record, '{revokedAt}', to_jsonb($3::text))
           WHERE tenant_id = $1 AND id = $2 AND NOT (record ? 'revokedAt')`,
          [tenantId, id, at],
        );
        return result.rowCount === 1;
      },
      async count() {
        return Number((await pool.query(`SELECT count(*) AS n FROM ${keys}`)).rows[0]?.n ?? 0);
      },
    },
    activations: {
      async list() {
        return (await pool.query(`SELECT tenant_id, workflow_id, version FROM ${active} ORDER BY tenant_id, workflow_id`)).rows.map(
          summary,
        );
      },
      async listTenant(tenantId) {
        return (await pool.query(`SELECT tenant_id, workflow_id, version FROM ${active} WHERE tenant_id = $1`, [tenantId])).rows.map(
          summary,
        );
      },
      async get(tenantId, workflowId) {
        const row = (
          await pool.query(
            `SELECT tenant_id, workflow_id, version, workflow, schedules FROM ${active} WHERE tenant_id = $1 AND workflow_id = $2`,
            [tenantId, workflowId],
          )
        ).rows[0] as { tenant_id: string; workflow_id: string; version: string; workflow: Workflow; schedules: string[] } | undefined;
        return row && { ...summary(row), workflow: row.workflow, schedules: row.schedules };
      },
      async put(tenantId, workflow, schedules) {
        const { rows } = await pool.query(
          `WITH before AS (SELECT schedules FROM ${active} WHERE tenant_id = $1 AND workflow_id = $2)
           INSERT INTO ${active} (tenant_id, workflow_id, workflow, schedules, version)
           VALUES ($1, $2, $3, $4, nextval('${s}.server_activation_versions'))
           ON CONFLICT (tenant_id, workflow_id) DO UPDATE
             SET workflow = EXCLUDED.workflow, schedules = EXCLUDED.schedules, version = EXCLUDED.version
           RETURNING (SELECT schedules FROM before) AS before`,
          [tenantId, workflow.id, JSON.stringify(workflow), JSON.stringify(schedules)],
        );
        return { before: (rows[0]?.before as string[] | null) ?? [] };
      },
      async remove(tenantId, workflowId) {
        const row = (
          await pool.query(
            `DELETE FROM ${active} WHERE tenant_id = $1 AND workflow_id = $2 RETURNING tenant_id, workflow_id, version, workflow, schedules`,
            [tenantId, workflowId],
          )
        ).rows[0] as { tenant_id: string; workflow_id: string; version: string; workflow: Workflow; schedules: string[] } | undefined;
        return row && { ...summary(row), workflow: row.workflow, schedules: row.schedules };
      },
    },
    members: postgresMemberStore(pool, s),
  };
}
